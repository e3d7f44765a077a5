import type { Worker } from 'node:worker_threads';
import { sqliteModulePath } from '../db/connection';
import type { BackupTaskInput } from '../jobs/entries/backupTask';
import { startJobWorker } from '../jobs/limitedJob';

/**
 * The copy and the checks run in a worker thread with its own connection, so the main event loop
 * (IPC, the UI's requests) never waits for SQLite. The worker is the job entry
 * jobs/entries/backupTask.ts, started through the jobs runner (bundled beside the app, or from
 * sources in tests), so that its connections come from the one opener like every other.
 */
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

export function runWorker(task: { kind: 'backup'; dbPath: string; payloadPath: string }, key: Buffer, nativeBinding?: string): Promise<BackupTaskResult>;
export function runWorker(task: Extract<WorkerTask, { kind: 'check' }>, key: Buffer, nativeBinding?: string): Promise<CheckTaskResult>;
export function runWorker(task: WorkerTask, key: Buffer, nativeBinding?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Its own 32-byte copy of the key (a Buffer may be a view into a shared pool, which would be
    // cloned whole), zeroed once the worker has been handed its clone.
    const keyCopy = new Uint8Array(key);
    const input: BackupTaskInput = { task, key: keyCopy, modulePath: sqliteModulePath(), nativeBinding: nativeBinding ?? null };
    let worker: Worker;
    try {
      worker = startJobWorker('backupTask', input);
    } finally {
      keyCopy.fill(0);
    }
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
