import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { openDatabase, type Db } from '../../db/connection';
import type { JobReply } from '../limitedJob';

/**
 * Worker entry: re-encrypts a database file that is not the live vault (a backup just extracted
 * for a restore) from one data key to another, then proves that the new key opens it with every
 * row still there. Used when a backup from before a key rotation is restored on the vault that
 * rotated (ADR 0007): the restored copy joins the current key, so the current passphrase and
 * recovery key keep opening the vault. `PRAGMA rekey` rewrites every page; for a school-sized
 * vault that is many seconds, which must not hold the thread that answers the mentor's clicks.
 */
export interface RekeyCopyInput {
  path: string;
  /** The key the copy is under now, and the key it is to be under; raw 32 bytes each. */
  from: Uint8Array;
  to: Uint8Array;
  nativeBinding: string | null;
  /** The SQLite module, resolved by the parent: an eval'd worker resolves from its cwd. */
  modulePath: string;
}

export interface RekeyCopyResult { counts: Record<string, number> }

function counts(db: Db): Record<string, number> {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const out: Record<string, number> = {};
  for (const name of names) out[name] = db.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number;
  return out;
}

function run(input: RekeyCopyInput): JobReply {
  const from = Buffer.from(input.from.buffer, input.from.byteOffset, input.from.byteLength);
  const to = Buffer.from(input.to.buffer, input.to.byteOffset, input.to.byteLength);
  const options = { nativeBinding: input.nativeBinding ?? undefined, modulePath: input.modulePath };
  try {
    const db = openDatabase(input.path, { ...options, key: from });
    let before: Record<string, number>;
    try {
      before = counts(db);
      // SQLite3MC cannot rekey a WAL database; the copy has no readers, so rollback mode is free.
      db.pragma('journal_mode = DELETE');
      db.pragma(`rekey = "x'${to.toString('hex')}'"`);
    } finally {
      db.close();
    }
    const check = openDatabase(input.path, { ...options, key: to, readonly: true });
    try {
      const integrity = check.pragma('integrity_check', { simple: true });
      const after = counts(check);
      if (integrity !== 'ok' || JSON.stringify(after) !== JSON.stringify(before)) return { ok: false, error: { code: 'BACKUP_DAMAGED' } };
      return { ok: true, value: { counts: after } satisfies RekeyCopyResult };
    } finally {
      check.close();
    }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code } };
    const code = (error as { code?: unknown })?.code;
    return { ok: false, error: { code: code === 'SQLITE_FULL' ? 'DISK_FULL' : 'INTERNAL' } };
  } finally {
    from.fill(0);
    to.fill(0);
  }
}

parentPort?.postMessage(run(workerData as RekeyCopyInput));
