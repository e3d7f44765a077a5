import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { type KeyFile, parseKeyFile } from '../vault/keyFile';
import { stamp } from './naming';

/**
 * The vault as it was before a restore, kept in the data folder so that the restore can be
 * undone: one "set-aside copy" is the database `vault.db.before-restore-<stamp>` (with its
 * `-wal`/`-shm` if any) and the key file that opens it, `vault.key.before-restore-<stamp>`
 * (plus `.next` when a key rotation was pending). Only one copy is kept: the one the latest
 * restore's undo needs. Every full copy of the vault more is one more place an erased student or
 * a retired key lives on, and they used to pile up unseen (issue 13).
 */
export const SET_ASIDE = /^vault\.db\.before-restore-(\d{8}-\d{6})(-\d+)?$/;

/** The key file that belongs to a set-aside database. */
export function setAsideKeyName(unit: string): string {
  return unit.replace(/^vault\.db\./, 'vault.key.');
}

/** Every file of one set-aside copy, whether or not it exists. */
export function unitFiles(unit: string): string[] {
  const key = setAsideKeyName(unit);
  return [unit, `${unit}-wal`, `${unit}-shm`, key, `${key}.next`];
}

export async function freeUnitName(dataDir: string, nowMs: number): Promise<string> {
  const base = `vault.db.before-restore-${stamp(nowMs)}`;
  let name = base;
  for (let n = 2; await exists(join(dataDir, name)) || await exists(join(dataDir, setAsideKeyName(name))); n += 1) name = `${base}-${n}`;
  return name;
}

export interface SetAsideUnit {
  name: string;
  /** When it was set aside (from its name, which is in local time). */
  createdAt: string;
  sizeBytes: number;
  /** The key file kept with it; null for a copy from before key files were kept, or a damaged one. */
  keyFile: KeyFile | null;
}

/** The set-aside copies in the data folder, newest first. */
export async function listUnits(dataDir: string): Promise<SetAsideUnit[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dataDir);
  } catch {
    return [];
  }
  const units: SetAsideUnit[] = [];
  for (const name of names) {
    const match = SET_ASIDE.exec(name);
    if (!match) continue;
    let sizeBytes = 0;
    for (const file of unitFiles(name)) {
      sizeBytes += await fsp.stat(join(dataDir, file)).then((s) => s.size, () => 0);
    }
    let keyFile: KeyFile | null;
    try {
      keyFile = parseKeyFile(JSON.parse(await fsp.readFile(join(dataDir, setAsideKeyName(name)), 'utf8')));
    } catch {
      keyFile = null;
    }
    units.push({ name, createdAt: fromStamp(match[1]!), sizeBytes, keyFile });
  }
  return units.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

function fromStamp(value: string): string {
  const [date, time] = value.split('-') as [string, string];
  const n = (s: string, from: number, to: number) => Number(s.slice(from, to));
  return new Date(n(date, 0, 4), n(date, 4, 6) - 1, n(date, 6, 8), n(time, 0, 2), n(time, 2, 4), n(time, 4, 6)).toISOString();
}

const SHRED_CHUNK = 1 << 20;

/**
 * Overwrites a file with zeros, flushes it and then removes it. The copies are encrypted
 * anyway; overwriting means that a key that leaks later (an old recovery key on paper) does not
 * also open a deleted copy still lying in free blocks of an ordinary disk. On SSDs and
 * copy-on-write file systems the old blocks may survive elsewhere; no userland code can help that.
 */
export async function shredFile(path: string): Promise<boolean> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    // Not writable: removing it is still better than keeping it.
    await fsp.rm(path, { force: true });
    return true;
  }
  try {
    const size = (await handle.stat()).size;
    const zeros = Buffer.alloc(Math.min(SHRED_CHUNK, Math.max(size, 1)));
    for (let done = 0; done < size;) {
      const length = Math.min(zeros.length, size - done);
      const { bytesWritten } = await handle.write(zeros, 0, length, done);
      if (bytesWritten <= 0) break;
      done += bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rm(path, { force: true });
  return true;
}

/** Removes one set-aside copy, every file of it overwritten first. */
export async function removeUnit(dataDir: string, unit: string): Promise<void> {
  for (const file of unitFiles(unit)) await shredFile(join(dataDir, file));
}

/** Removes every set-aside copy but `keep` (none when null); returns how many went. */
export async function keepOnlyUnit(dataDir: string, keep: string | null): Promise<number> {
  let removed = 0;
  for (const unit of await listUnits(dataDir)) {
    if (unit.name === keep) continue;
    await removeUnit(dataDir, unit.name);
    removed += 1;
  }
  // A key file whose database is gone (a restore interrupted between the two renames).
  const names = await fsp.readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    const match = /^vault\.key\.(before-restore-\d{8}-\d{6}(?:-\d+)?)(\.next)?$/.exec(name);
    if (match && `vault.db.${match[1]}` !== keep && !names.includes(`vault.db.${match[1]}`)) await shredFile(join(dataDir, name));
  }
  return removed;
}

async function exists(path: string): Promise<boolean> {
  return fsp.access(path).then(() => true, () => false);
}
