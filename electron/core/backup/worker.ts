import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The copy and the checks run in a worker thread with its own connection, so the main event loop
 * (IPC, the UI's requests) never waits for SQLite. The worker is plain JavaScript in a string:
 * the Electron main process is one esbuild bundle and tests run TypeScript, and an inline worker
 * needs no extra file in either.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const Database = require(workerData.modulePath);
const task = workerData.task;
const CHUNK = 1 << 20;

function open(path, readonly) {
  const db = new Database(path, { nativeBinding: workerData.nativeBinding || undefined, readonly, fileMustExist: true });
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma('key = "x\'' + workerData.keyHex + '\'"');
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function counts(db) {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
  const out = {};
  for (const name of names) out[name] = db.prepare('SELECT count(*) FROM "' + name.replace(/"/g, '""') + '"').pluck().get();
  return out;
}

function sameCounts(a, b) {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** Opens a copy with the key and runs every check; throws {verify: reason} when one fails. */
function verifyCopy(path, expected) {
  let db;
  try {
    db = open(path, true);
  } catch (error) {
    throw { verify: 'open', sqlite: error && error.code };
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw { verify: 'integrity' };
    const cipher = db.pragma('cipher_integrity_check');
    if (cipher.length > 0) throw { verify: 'cipher_integrity' };
    const found = counts(db);
    if (expected && !sameCounts(found, expected)) throw { verify: 'counts' };
    let vaultId = null;
    try {
      vaultId = db.prepare('SELECT vault_id FROM vault_meta WHERE id = 1').pluck().get() || null;
    } catch {
      vaultId = null;
    }
    return { counts: found, vaultId };
  } finally {
    db.close();
  }
}

function hashFile(path, offset, length, copyTo) {
  const fd = fs.openSync(path, 'r');
  const out = copyTo ? fs.openSync(copyTo, 'wx', 0o600) : null;
  try {
    const hash = crypto.createHash('sha256');
    const buffer = Buffer.alloc(CHUNK);
    let position = offset;
    let left = length;
    while (left > 0) {
      const read = fs.readSync(fd, buffer, 0, Math.min(CHUNK, left), position);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      if (out !== null) fs.writeSync(out, buffer, 0, read);
      position += read;
      left -= read;
    }
    if (out !== null) fs.fsyncSync(out);
    return { sha256: hash.digest('hex'), read: length - left };
  } finally {
    fs.closeSync(fd);
    if (out !== null) fs.closeSync(out);
  }
}

function backup() {
  // VACUUM INTO cannot run inside a transaction, so the counts are taken in their own read
  // transaction and data_version proves that no other connection committed in between.
  for (let attempt = 0; attempt < 5; attempt++) {
    const live = open(task.dbPath, true);
    let snapshot;
    try {
      const before = live.pragma('data_version', { simple: true });
      live.exec('BEGIN');
      snapshot = counts(live);
      live.exec('COMMIT');
      live.prepare('VACUUM INTO ?').run(task.payloadPath);
      const after = live.pragma('data_version', { simple: true });
      if (before !== after) {
        fs.rmSync(task.payloadPath, { force: true });
        continue;
      }
    } finally {
      live.close();
    }
    const checked = verifyCopy(task.payloadPath, snapshot);
    const { sha256 } = hashFile(task.payloadPath, 0, fs.statSync(task.payloadPath).size, null);
    return { counts: checked.counts, vaultId: checked.vaultId, sha256, length: fs.statSync(task.payloadPath).size };
  }
  throw { verify: 'busy' };
}

function check() {
  const size = fs.statSync(task.containerPath).size;
  if (size !== task.offset + task.length) throw { damaged: 'length' };
  const { sha256, read } = hashFile(task.containerPath, task.offset, task.length, task.extractTo || null);
  if (read !== task.length || sha256 !== task.sha256) throw { damaged: 'sha256' };
  if (!task.extractTo) return { sha256 };
  const checked = verifyCopy(task.extractTo, task.expectedCounts || null);
  return { sha256, counts: checked.counts, vaultId: checked.vaultId };
}

try {
  const value = task.kind === 'backup' ? backup() : check();
  parentPort.postMessage({ ok: true, value });
} catch (error) {
  if (error && (error.verify || error.damaged)) parentPort.postMessage({ ok: false, failure: error });
  else parentPort.postMessage({ ok: false, failure: { code: String((error && error.code) || 'UNKNOWN') } });
}
`;

export interface Counts { [table: string]: number }

export type WorkerTask =
  | { kind: 'backup'; dbPath: string; payloadPath: string }
  | { kind: 'check'; containerPath: string; offset: number; length: number; sha256: string; extractTo?: string; expectedCounts?: Counts };

export interface BackupTaskResult { counts: Counts; vaultId: string | null; sha256: string; length: number }
export interface CheckTaskResult { sha256: string; counts?: Counts; vaultId?: string | null }

/** Why a worker task failed: a check that did not pass, a damaged container, or an OS/SQLite code. */
export interface WorkerFailure { verify?: string; damaged?: string; sqlite?: string; code?: string }

export class WorkerTaskError extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(`backup worker: ${failure.verify ?? failure.damaged ?? failure.code ?? 'failed'}`);
  }
}

declare const require: NodeJS.Require | undefined;

/** Where the SQLite module is, for the worker's own `require` (its cwd may be anywhere). */
function sqliteModulePath(): string {
  const base = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'index.js'));
  return base.resolve('better-sqlite3-multiple-ciphers');
}

export function runWorker(task: { kind: 'backup'; dbPath: string; payloadPath: string }, key: Buffer, nativeBinding?: string): Promise<BackupTaskResult>;
export function runWorker(task: Extract<WorkerTask, { kind: 'check' }>, key: Buffer, nativeBinding?: string): Promise<CheckTaskResult>;
export function runWorker(task: WorkerTask, key: Buffer, nativeBinding?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { task, keyHex: key.toString('hex'), modulePath: sqliteModulePath(), nativeBinding: nativeBinding ?? null },
    });
    let settled = false;
    worker.once('message', (message: { ok: boolean; value?: unknown; failure?: WorkerFailure }) => {
      settled = true;
      if (message.ok) resolve(message.value);
      else reject(new WorkerTaskError(message.failure ?? {}));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new WorkerTaskError({ code: `EXIT_${code}` }));
    });
  });
}
