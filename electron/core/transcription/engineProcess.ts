import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { Segment } from '../../../shared/transcriptionSchemas';
import { logEvent } from '../log';
import type { TranscribeOptions, TranscriptionEngine, TranscriptionProgress } from './engine';
import { secondsLeft } from './engine';
import { ENGINE_PCM_CHUNK_BYTES, FromEngine, type ToEngine } from './engineProtocol';

/** The engine process as the host sees it: a forked Node child, or a utility process main started. */
export interface EngineChild {
  readonly pid: number | undefined;
  post(message: ToEngine): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has ended (at once if it already has). */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Ends it the hard way (SIGKILL): a process stuck in native code does not answer anything else. */
  kill(): void;
}

export type EngineSpawner = () => EngineChild | Promise<EngineChild>;

/** V8 heap of the engine; its real memory is native (the model, whisper.cpp's buffers) and is watched as RSS. */
const ENGINE_HEAP_MB = 256;

/**
 * The engine entry next to this module: the TypeScript source (tests, harness, tour, through tsx)
 * or, in a bundled host, the bundled engine.cjs beside host.cjs (scripts/build-electron.mjs).
 */
const bundled = import.meta.url.endsWith('.cjs');
export const ENGINE_ENTRY = fileURLToPath(new URL(bundled ? './engine.cjs' : './engineEntry.ts', import.meta.url));

/**
 * Forks the engine entry as a Node child, the launcher of a host that is a plain Node process
 * itself (tests, harness, tour: the harness forks the host the same way). In the app the host is
 * an Electron utility process that cannot fork (ADR 0022) and asks main instead
 * (mainEngineLauncher.ts). stdout and stderr are dropped: whisper.cpp prints there, and nothing
 * the engine prints may reach a log.
 */
export function forkEngine(entry = ENGINE_ENTRY, args: string[] = []): EngineChild {
  const child = fork(entry, args, {
    execArgv: [...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), `--max-old-space-size=${ENGINE_HEAP_MB}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  return {
    get pid() { return child.pid; },
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      if (child.exitCode !== null || child.signalCode !== null) listener(child.exitCode, child.signalCode);
      else child.once('exit', (code, signal) => listener(code, signal));
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}

/**
 * One engine process at a time: the next is asked for only once the previous one has exited (a
 * cancelled one within its stop grace). whisper.cpp takes every core but one and the whole model
 * in memory, and the memory check at start is made for one model; main refuses a second engine
 * anyway (ADR 0022), so waiting here turns that refusal into a short queue.
 */
export function oneEngineAtATime(spawn: EngineSpawner): EngineSpawner {
  let previous: Promise<void> = Promise.resolve();
  return () => {
    const turn = previous.then(() => spawn());
    previous = turn.then(
      (child) => new Promise<void>((resolve) => child.onExit(() => resolve())),
      () => undefined,
    );
    return turn;
  };
}

/** Resident memory of a process by its id, where the OS tells it cheaply (Linux); null elsewhere. */
export function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Time limit of a transcription: a minute to load, then six times the audio's length. */
export function transcriptionDeadlineMs(samples: number): number {
  return 60_000 + Math.ceil((samples / 16_000) * 1000 * 6);
}

/**
 * Memory the engine may hold: the model as estimated at import, half again for whisper.cpp's
 * own buffers, and the audio a few times over (the Int16 samples, the binding's copy, float
 * samples and the mel spectrogram), on top of a Node process's own.
 */
export function engineMemoryBoundBytes(modelBytes: number, pcmBytes: number): number {
  return Math.round(modelBytes * 1.5 + pcmBytes * 6 + 256 * 1024 * 1024);
}

export interface ProcessEngineOptions {
  spawn: EngineSpawner;
  threads: number;
  deadlineMs?: (samples: number) => number;
  /** How long a stop request gets before SIGKILL (cancel, deadline). */
  stopGraceMs?: number;
  /** Memory bound in bytes for one run; defaults to engineMemoryBoundBytes. */
  maxRssBytes?: (options: TranscribeOptions, pcmBytes: number) => number;
  /** A process that sends nothing at all for this long is stuck, even in its main thread. */
  silenceMs?: number;
  rssOf?: (pid: number) => number | null;
}

/**
 * Transcription in a process of its own (ADR 0022): whisper.cpp is native code running on a file
 * the mentor picked, and a GGML_ASSERT there calls abort(), which no worker thread survives: it
 * takes the whole process, and in a worker that process is the backend host with the vault. Here
 * the engine dies alone and the job fails with a named error: TRANSCRIPTION_CRASHED when it ends
 * or goes silent, TRANSCRIPTION_OUT_OF_MEMORY above its memory bound, TRANSCRIPTION_TIMEOUT at the
 * deadline, TRANSCRIPTION_CANCELLED at once on cancel. Cancel and deadline ask it to stop first
 * (the binding's stop releases whisper.cpp cleanly) and SIGKILL it after a grace period.
 */
export function processEngine(options: ProcessEngineOptions): TranscriptionEngine {
  const stopGraceMs = options.stopGraceMs ?? 3_000;
  const silenceMs = options.silenceMs ?? 20_000;
  const rssOf = options.rssOf ?? residentBytes;
  return {
    async transcribe(pcm: Int16Array, transcribeOptions: TranscribeOptions, onProgress: (p: TranscriptionProgress) => void, signal: AbortSignal): Promise<Segment[]> {
      if (signal.aborted) throw new AppError('TRANSCRIPTION_CANCELLED');
      const started = Date.now();
      const bound = (options.maxRssBytes ?? ((o, bytes) => engineMemoryBoundBytes(o.memoryBytes ?? 0, bytes)))(transcribeOptions, pcm.byteLength);
      const deadlineMs = (options.deadlineMs ?? transcriptionDeadlineMs)(pcm.length);
      const child = await options.spawn();
      // Cancelled while waiting for the engine (another job's was still winding down).
      if (signal.aborted) {
        child.kill();
        throw new AppError('TRANSCRIPTION_CANCELLED');
      }
      return new Promise<Segment[]>((resolve, reject) => {
        let settled = false;
        let exited = false;
        let lastHeard = Date.now();
        let grace: NodeJS.Timeout | undefined;
        // whisper's segments once it is done, while speaker separation still runs (ADR 0024).
        let transcribed: Segment[] | null = null;
        const kill = (): void => {
          clearTimeout(grace);
          if (!exited) child.kill();
        };
        const settle = (outcome: () => void, graceful = false): void => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          clearInterval(watch);
          signal.removeEventListener('abort', onAbort);
          outcome();
          if (!graceful) return kill();
          child.post({ kind: 'stop' });
          grace = setTimeout(kill, stopGraceMs);
        };
        const fail = (code: ErrorCode, graceful = false): void => {
          // Past whisper, only the speaker separation is lost: the text is kept (not on cancel).
          if (!settled && transcribed && code !== 'TRANSCRIPTION_CANCELLED') {
            const segments = transcribed;
            logEvent('diarization.lost', { code });
            return settle(() => {
              transcribeOptions.diarization?.onSpans(null);
              resolve(segments);
            }, graceful);
          }
          settle(() => reject(new AppError(code)), graceful);
        };
        const overBound = (rss: number | null): void => {
          if (rss === null || rss <= bound) return;
          logEvent('transcription.engine_memory', { rssMb: Math.round(rss / 2 ** 20), boundMb: Math.round(bound / 2 ** 20) });
          fail('TRANSCRIPTION_OUT_OF_MEMORY');
        };
        const onAbort = (): void => fail('TRANSCRIPTION_CANCELLED', true);
        const deadline = setTimeout(() => fail('TRANSCRIPTION_TIMEOUT', true), deadlineMs);
        // Watched from here too: a process stuck in native code sends no heartbeat, and only the
        // OS can say how much it holds then.
        const watch = setInterval(() => {
          if (child.pid !== undefined) overBound(rssOf(child.pid));
          if (!settled && Date.now() - lastHeard > silenceMs) {
            logEvent('transcription.engine_silent', { ms: silenceMs });
            fail('TRANSCRIPTION_CRASHED');
          }
        }, 250);
        signal.addEventListener('abort', onAbort);

        child.onMessage((raw) => {
          lastHeard = Date.now();
          const parsed = FromEngine.safeParse(raw);
          if (!parsed.success) {
            logEvent('transcription.engine_malformed');
            return fail('TRANSCRIPTION_FAILED');
          }
          const message = parsed.data;
          switch (message.kind) {
            case 'heartbeat':
              return overBound(message.rssBytes);
            case 'progress':
              if (!settled) onProgress({ percent: message.percent, secondsLeft: secondsLeft(started, Date.now(), message.percent) });
              return;
            case 'transcribed':
              transcribed = message.segments;
              return;
            case 'done':
              return settle(() => {
                if (message.speakers !== undefined) transcribeOptions.diarization?.onSpans(message.speakers);
                resolve(message.segments);
              });
            case 'failed':
              // After a stop request this is the engine saying it stopped: it exits by itself.
              if (settled) return;
              return fail(message.code);
          }
        });
        child.onExit((code, exitSignal) => {
          exited = true;
          clearTimeout(grace);
          if (!settled) logEvent('transcription.engine_exit', { code: code ?? -1, signal: exitSignal ?? '' });
          fail('TRANSCRIPTION_CRASHED');
        });

        // The audio goes over the channel in copies of 1 MB: a view would carry its whole buffer.
        const separation = transcribeOptions.diarization;
        child.post({
          kind: 'start', modelPath: transcribeOptions.modelPath, language: transcribeOptions.language, threads: options.threads, sampleCount: pcm.length,
          ...(separation ? { diarization: { segmentationPath: separation.segmentationPath, embeddingPath: separation.embeddingPath } } : {}),
        });
        const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
        for (let offset = 0, seq = 0; offset < bytes.byteLength && !settled; offset += ENGINE_PCM_CHUNK_BYTES, seq++) {
          child.post({ kind: 'pcm', seq, bytes: bytes.slice(offset, offset + ENGINE_PCM_CHUNK_BYTES) });
        }
        if (!settled) child.post({ kind: 'run' });
      });
    },
  };
}
