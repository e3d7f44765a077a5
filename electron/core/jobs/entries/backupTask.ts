import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import type { Counts, WorkerFailure, WorkerTask } from '../../backup/worker';
import { openDatabase, type Db } from '../../db/connection';

/**
 * Worker entry of backup/worker.ts: the backup copy (VACUUM INTO) and the checks of a copy run
 * here, on connections from the one opener (so they too keep temp files in memory and delete
 * securely), while the main event loop answers the UI. It was an eval'd JavaScript string with
 * an opener of its own; as a job entry it is bundled like every other job.
 *
 * Replies once: `{ ok: true, value }` or `{ ok: false, failure }` (see WorkerFailure).
 */
export interface BackupTaskInput {
  task: WorkerTask;
  /** The raw data key, copied for this worker. */
  key: Uint8Array;
  nativeBinding: string | null;
  /** The SQLite module, resolved by the parent: an eval'd worker resolves from its cwd. */
  modulePath: string;
}

const input = workerData as BackupTaskInput;
const key = Buffer.from(input.key.buffer, input.key.byteOffset, input.key.byteLength);
const CHUNK = 1 << 20;

/** SQLite's own code, also behind the AppError the opener wraps it in. */
function sqliteCode(error: unknown): string | undefined {
  const source = error instanceof AppError ? error.cause : error;
  const code = (source as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

class Failure extends Error {
  constructor(readonly failure: WorkerFailure) {
    super('backup task failed');
  }
}

function open(path: string): Db {
  return openDatabase(path, { key, readonly: true, nativeBinding: input.nativeBinding ?? undefined, modulePath: input.modulePath });
}

function counts(db: Db): Counts {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const out: Counts = {};
  for (const name of names) out[name] = db.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number;
  return out;
}

function sameCounts(a: Counts, b: Counts): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** Opens a copy with the key and runs every check; throws a Failure naming the check that failed. */
function verifyCopy(path: string, expected: Counts | null): { counts: Counts; vaultId: string | null } {
  let db: Db;
  try {
    db = open(path);
  } catch (error) {
    const code = sqliteCode(error);
    throw new Failure({ verify: 'open', ...(code ? { sqlite: code } : {}) });
  }
  try {
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') throw new Failure({ verify: 'integrity' });
    if ((db.pragma('cipher_integrity_check') as unknown[]).length > 0) throw new Failure({ verify: 'cipher_integrity' });
    const found = counts(db);
    if (expected && !sameCounts(found, expected)) throw new Failure({ verify: 'counts' });
    let vaultId: string | null = null;
    try {
      vaultId = (db.prepare('SELECT vault_id FROM vault_meta WHERE id = 1').pluck().get() as string | undefined) ?? null;
    } catch {
      vaultId = null;
    }
    return { counts: found, vaultId };
  } finally {
    db.close();
  }
}

/**
 * writeSync may write fewer bytes than asked and succeed (a nearly full disk writes what fits);
 * ignoring the count would leave a truncated copy that then fails its checks as damaged. A write that
 * makes no progress is reported as ENOSPC, which the parent maps to DISK_FULL (diskErrors.ts).
 */
function writeFully(fd: number, buffer: Buffer, length: number): void {
  for (let done = 0; done < length;) {
    const written = writeSync(fd, buffer, done, length - done);
    if (!(written > 0)) throw Object.assign(new Error('write made no progress'), { code: 'ENOSPC' });
    done += written;
  }
}

function hashFile(path: string, offset: number, length: number, copyTo: string | null): { sha256: string; read: number } {
  const fd = openSync(path, 'r');
  const out = copyTo ? openSync(copyTo, 'wx', 0o600) : null;
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(CHUNK);
    let position = offset;
    let left = length;
    while (left > 0) {
      const read = readSync(fd, buffer, 0, Math.min(CHUNK, left), position);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      if (out !== null) writeFully(out, buffer, read);
      position += read;
      left -= read;
    }
    if (out !== null) fsyncSync(out);
    return { sha256: hash.digest('hex'), read: length - left };
  } finally {
    closeSync(fd);
    if (out !== null) closeSync(out);
  }
}

function backup(task: Extract<WorkerTask, { kind: 'backup' }>) {
  // VACUUM INTO cannot run inside a transaction, so the counts are taken in their own read
  // transaction and data_version proves that no other connection committed in between.
  for (let attempt = 0; attempt < 5; attempt++) {
    const live = open(task.dbPath);
    let snapshot: Counts;
    try {
      const before = live.pragma('data_version', { simple: true });
      live.exec('BEGIN');
      snapshot = counts(live);
      live.exec('COMMIT');
      live.prepare('VACUUM INTO ?').run(task.payloadPath);
      const after = live.pragma('data_version', { simple: true });
      if (before !== after) {
        rmSync(task.payloadPath, { force: true });
        continue;
      }
    } finally {
      live.close();
    }
    const checked = verifyCopy(task.payloadPath, snapshot);
    const { sha256 } = hashFile(task.payloadPath, 0, statSync(task.payloadPath).size, null);
    return { counts: checked.counts, vaultId: checked.vaultId, sha256, length: statSync(task.payloadPath).size };
  }
  throw new Failure({ verify: 'busy' });
}

function check(task: Extract<WorkerTask, { kind: 'check' }>) {
  const size = statSync(task.containerPath).size;
  if (size !== task.offset + task.length) throw new Failure({ damaged: 'length' });
  const { sha256, read } = hashFile(task.containerPath, task.offset, task.length, task.extractTo ?? null);
  if (read !== task.length || sha256 !== task.sha256) throw new Failure({ damaged: 'sha256' });
  if (!task.extractTo) return { sha256 };
  const checked = verifyCopy(task.extractTo, task.expectedCounts ?? null);
  return { sha256, counts: checked.counts, vaultId: checked.vaultId };
}

try {
  const value = input.task.kind === 'backup' ? backup(input.task) : check(input.task);
  parentPort?.postMessage({ ok: true, value });
} catch (error) {
  if (error instanceof Failure) parentPort?.postMessage({ ok: false, failure: error.failure });
  else parentPort?.postMessage({ ok: false, failure: { code: sqliteCode(error) ?? 'UNKNOWN' } });
} finally {
  key.fill(0);
}
