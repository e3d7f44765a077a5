import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, ERROR_CODES, type ErrorParams } from '../../../shared/errors';

/**
 * Runs untrusted or heavy work in a worker thread with a heap limit and a deadline, so a crafted
 * file can neither exhaust the memory of the process that holds the vault nor keep it busy: the
 * worker dies alone and the caller gets a named error (FILE_TOO_COMPLEX, FILE_TIMEOUT).
 *
 * Each job is its own entry module (`entries/<name>`). In the built app it is a self-contained
 * bundle beside main.cjs, read and started with `eval` (so it also loads from inside an asar
 * archive); from TypeScript sources (tests, the harness, the tour) the same entry runs through
 * tsx, so every test crosses the same worker boundary the app does.
 */

export type JobName = 'transcriptParse' | 'docxBuild' | 'migrate' | 'backupTask' | 'rekeyCopy' | 'searchRebuild' | 'handoverOpen' | 'qdpxParse' | 'classListParse' | 'transcribe' | 'erasureScrub' | 'speakerModelInspect';

export interface JobLimits {
  /** V8 old-generation heap of the worker; Buffers outside the heap are bounded by the job itself. */
  maxHeapMb: number;
  deadlineMs: number;
}

export type JobReply = { ok: true; value: unknown } | { ok: false; error: { code: string; params?: ErrorParams } };

function isBundled(): boolean {
  return import.meta.url.endsWith('.cjs');
}

function startWorker(name: JobName, workerData: unknown, limits: JobLimits): Worker {
  return startJobWorker(name, workerData, { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 16 });
}

/**
 * Starts job `name`'s entry in a worker thread, bundled or from sources as described above, for
 * callers that speak their own protocol with it (backup/worker.ts); `runJob` below is the usual way.
 */
export function startJobWorker(name: JobName, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  if (isBundled()) {
    const source = readFileSync(fileURLToPath(new URL(`./jobs/${name}.cjs`, import.meta.url)), 'utf8');
    return new Worker(source, { eval: true, workerData, resourceLimits });
  }
  // From sources: tsx's CommonJS hook compiles the entry inside the worker (Node 20's workers
  // ignore `--import` loaders in execArgv for their entry).
  const entry = fileURLToPath(new URL(`./entries/${name}.ts`, import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const source = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(entry)}, ${JSON.stringify(entry)});`;
  return new Worker(source, { eval: true, workerData, resourceLimits });
}

function toAppError(error: { code: string; params?: ErrorParams }): AppError {
  const code = (ERROR_CODES as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : 'INTERNAL';
  return new AppError(code, error.params);
}

/** Runs job `name` on `input`; the worker's AppError comes back as the same AppError. */
export function runLimitedJob<T>(name: JobName, input: unknown, limits: JobLimits): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = startWorker(name, input, limits);
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new AppError('FILE_TIMEOUT'))), limits.deadlineMs);
    worker.once('message', (reply: JobReply) => {
      settle(() => (reply.ok ? resolve(reply.value as T) : reject(toAppError(reply.error))));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new AppError('FILE_TOO_COMPLEX', undefined, { cause: error })
        : new AppError('INTERNAL', undefined, { cause: error })));
    });
    worker.once('exit', (code) => {
      settle(() => reject(new AppError('INTERNAL', { exitCode: code })));
    });
  });
}

/** A message a job sends before its reply, to say how far it is. */
export interface JobProgressMessage<P> { progress: P }

export interface JobOptions<P> {
  /** Heap cap of the worker; none when absent (trusted work, such as migrating the vault). */
  maxHeapMb?: number;
  /** Deadline; none when absent. A migration must never be cut off for being slow. */
  deadlineMs?: number;
  onProgress?: (progress: P) => void;
  /** The codes for a missed deadline and a full heap; the defaults speak of a hostile file. */
  timeoutCode?: ErrorCode;
  outOfMemoryCode?: ErrorCode;
}

function isProgressMessage<P>(message: unknown): message is JobProgressMessage<P> {
  return typeof message === 'object' && message !== null && 'progress' in message;
}

/**
 * Runs job `name` on `input` like runLimitedJob, with limits optional and progress: the entry
 * may post `{ progress }` messages before its one JobReply, and each goes to `onProgress` (a
 * listener that throws is ignored: the job's outcome does not depend on who watches it).
 */
export function runJob<T, P = never>(name: JobName, input: unknown, options: JobOptions<P> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = startJobWorker(name, input, options.maxHeapMb === undefined ? undefined
      : { maxOldGenerationSizeMb: options.maxHeapMb, maxYoungGenerationSizeMb: 16 });
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = options.deadlineMs === undefined ? undefined
      : setTimeout(() => settle(() => reject(new AppError(options.timeoutCode ?? 'FILE_TIMEOUT'))), options.deadlineMs);
    worker.on('message', (message: JobReply | JobProgressMessage<P>) => {
      if (isProgressMessage<P>(message)) {
        if (settled) return;
        try {
          options.onProgress?.(message.progress);
        } catch {
          /* see above */
        }
        return;
      }
      settle(() => (message.ok ? resolve(message.value as T) : reject(toAppError(message.error))));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new AppError(options.outOfMemoryCode ?? 'FILE_TOO_COMPLEX', undefined, { cause: error })
        : new AppError('INTERNAL', undefined, { cause: error })));
    });
    worker.once('exit', (code) => {
      settle(() => reject(new AppError('INTERNAL', { exitCode: code })));
    });
  });
}
