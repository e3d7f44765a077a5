import { availableParallelism } from 'node:os';
import { AppError } from '../../../shared/errors';
import type { Segment } from '../../../shared/transcriptionSchemas';
import { type JobReply, startJobWorker } from '../jobs/limitedJob';
import type { ModelHeader } from './modelFile';
import type { TranscribeOptions, TranscriptionEngine, TranscriptionProgress } from './engine';
import { secondsLeft } from './engine';
import { whisperAddonPath } from './whisperBinding';

/** Time limit of a transcription: a minute to load, then six times the audio's length. */
export function transcriptionDeadlineMs(samples: number): number {
  return 60_000 + Math.ceil((samples / 16_000) * 1000 * 6);
}

interface WorkerRun {
  workerData: unknown;
  deadlineMs: number;
  timeoutCode: 'TRANSCRIPTION_TIMEOUT' | 'FILE_TIMEOUT';
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/**
 * How long a worker asked to stop gets before it is terminated. Terminating a worker while
 * whisper.cpp still runs in it is a last resort: the binding then calls back into a torn-down
 * environment, throws a C++ Napi::Error and std::terminate aborts the whole process — the backend
 * host with the vault (seen once in a full test run). So cancel and deadline first ask the
 * worker to stop whisper.cpp (the binding's own `stop`), and only terminate it when it does not
 * answer in time (the binding's promise never settles when whisper.cpp fails in its own thread).
 */
const STOP_GRACE_MS = 10_000;

/** One transcribe-job worker: a reply, progress messages, a deadline, and cancel by asking it to stop. */
function runWorker<T>(run: WorkerRun): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // The heap holds little (the PCM is an ArrayBuffer, the model native memory, checked before).
    const worker = startJobWorker('transcribe', run.workerData, { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 });
    let settled = false;
    let exited = false;
    let grace: NodeJS.Timeout | undefined;
    const end = (): void => {
      clearTimeout(grace);
      if (!exited) void worker.terminate();
    };
    const settle = (outcome: () => void, graceful = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      outcome();
      if (!graceful) return end();
      // Answered already (the mentor sees "gestopt" at once); the worker ends once it replies.
      worker.postMessage({ stop: true });
      grace = setTimeout(end, STOP_GRACE_MS);
      grace.unref?.();
    };
    const onAbort = (): void => settle(() => reject(new AppError('TRANSCRIPTION_CANCELLED')), true);
    const timer = setTimeout(() => settle(() => reject(new AppError(run.timeoutCode)), true), run.deadlineMs);
    if (run.signal?.aborted) return onAbort();
    run.signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: JobReply | { progress: { percent: number } }) => {
      if ('progress' in message) {
        if (!settled) run.onProgress?.(message.progress.percent);
        return;
      }
      // A reply after a stop request: whisper.cpp has stopped and released its context.
      if (settled) return end();
      settle(() => (message.ok ? resolve(message.value as T) : reject(new AppError(message.error.code as never, message.error.params))));
    });
    worker.once('error', (error: Error & { code?: string }) => settle(() => reject(new AppError(
      error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'FILE_TOO_COMPLEX' : 'TRANSCRIPTION_FAILED', undefined, { cause: error }))));
    worker.once('exit', () => {
      exited = true;
      clearTimeout(grace);
      settle(() => reject(new AppError('TRANSCRIPTION_FAILED')));
    });
  });
}

/** Walks a model file's header and tensors in the job (the file is the user's pick). */
export function inspectModelInJob(path: string): Promise<ModelHeader> {
  return runWorker<ModelHeader>({ workerData: { op: 'inspect', path }, deadlineMs: 30_000, timeoutCode: 'FILE_TIMEOUT' });
}

/** The real engine: whisper.cpp through @fugood/whisper.node, one fresh worker per transcription. */
export const whisperEngine: TranscriptionEngine = {
  async transcribe(pcm: Int16Array, options: TranscribeOptions, onProgress: (p: TranscriptionProgress) => void, signal: AbortSignal): Promise<Segment[]> {
    const started = Date.now();
    const threads = Math.max(1, Math.min(8, availableParallelism() - 1));
    return runWorker<Segment[]>({
      workerData: {
        op: 'transcribe', addonPath: whisperAddonPath(), modelPath: options.modelPath, language: options.language, threads,
        pcm: new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength),
      },
      deadlineMs: transcriptionDeadlineMs(pcm.length),
      timeoutCode: 'TRANSCRIPTION_TIMEOUT',
      onProgress: (percent) => onProgress({ percent, secondsLeft: secondsLeft(started, Date.now(), percent) }),
      signal,
    });
  },
};
