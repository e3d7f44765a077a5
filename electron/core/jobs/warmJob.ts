import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, ERROR_CODES } from '../../../shared/errors';
import { type JobName, type JobReply, startJobWorker } from './limitedJob';

/**
 * One long-lived worker per job, for trusted, repeated work (building Word documents from the
 * vault's own data): starting a worker and loading the docx library costs more than building a
 * dialogue summary, so the worker stays warm between exports and goes after a quiet minute.
 * Untrusted files never use this: each of those gets a fresh, limited worker (limitedJob.ts).
 */

export interface WarmLimits { maxHeapMb: number; deadlineMs: number; idleMs?: number }

interface Task { id: number; input: unknown; deadlineMs: number; resolve: (value: unknown) => void; reject: (error: AppError) => void }

/** What a warm entry receives and answers (see entries/docxBuild.ts). */
export interface WarmRequest { id: number; input: unknown }
export interface WarmReply { id: number; reply: JobReply }

/** Marks the worker as warm: it serves `WarmRequest` messages instead of one `workerData` job. */
export const WARM = { warm: true } as const;

class WarmWorker {
  private worker: Worker | null = null;
  private readonly queue: Task[] = [];
  private current: Task | null = null;
  private nextId = 0;
  private deadline: NodeJS.Timeout | null = null;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly name: JobName, private readonly limits: WarmLimits) {}

  run<T>(input: unknown, deadlineMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, deadlineMs, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startJobWorker(this.name, WARM, { maxOldGenerationSizeMb: this.limits.maxHeapMb, maxYoungGenerationSizeMb: 32 });
    worker.on('message', (message: WarmReply) => this.finish(message));
    worker.on('error', (error: Error & { code?: string }) => this.fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'FILE_TOO_COMPLEX' : 'INTERNAL'));
    worker.on('exit', () => this.fail('INTERNAL'));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const task = this.queue.shift()!;
    this.current = task;
    this.deadline = setTimeout(() => this.fail('FILE_TIMEOUT'), task.deadlineMs);
    this.ensureWorker().postMessage({ id: task.id, input: task.input } satisfies WarmRequest);
  }

  private finish(message: WarmReply): void {
    const task = this.current;
    if (!task || message.id !== task.id) return;
    this.settle();
    if (message.reply.ok) task.resolve(message.reply.value);
    else {
      const code = (ERROR_CODES as readonly string[]).includes(message.reply.error.code) ? (message.reply.error.code as ErrorCode) : 'INTERNAL';
      task.reject(new AppError(code, message.reply.error.params));
    }
    this.afterTask();
  }

  /** The worker failed or overran: the task fails, the worker goes, the next task gets a new one. */
  private fail(code: ErrorCode): void {
    const task = this.current;
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.removeAllListeners();
      void worker.terminate();
    }
    if (!task) return;
    this.settle();
    task.reject(new AppError(code));
    this.afterTask();
  }

  private settle(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
    this.current = null;
  }

  private afterTask(): void {
    if (this.queue.length > 0) {
      this.pump();
      return;
    }
    this.idle = setTimeout(() => {
      const worker = this.worker;
      this.worker = null;
      if (worker) {
        worker.removeAllListeners();
        void worker.terminate();
      }
    }, this.limits.idleMs ?? 60_000);
    this.idle.unref();
  }
}

const workers = new Map<JobName, WarmWorker>();

/** Runs `input` on job `name`'s warm worker, one task at a time, in order (heap limit: the first caller's). */
export function runWarmJob<T>(name: JobName, input: unknown, limits: WarmLimits): Promise<T> {
  let worker = workers.get(name);
  if (!worker) {
    worker = new WarmWorker(name, limits);
    workers.set(name, worker);
  }
  return worker.run<T>(input, limits.deadlineMs);
}
