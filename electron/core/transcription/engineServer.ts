import { AppError } from '../../../shared/errors';
import { ENGINE_FAILURES, type EnginePort, ToEngine } from './engineProtocol';

export interface EngineInput {
  modelPath: string;
  language: 'nl' | 'en';
  threads: number;
  pcm: Int16Array;
  diarization?: { segmentationPath: string; embeddingPath: string } | undefined;
}

export type RawSegment = { startMs: number; endMs: number; text: string };

/**
 * What the engine process runs: whisper.cpp in the app (whisperRun.ts); tests give fakes that
 * hang or grow, to prove the host's side kills them. `stop` resolves once asked to stop.
 */
export type EngineRun = (input: EngineInput, onProgress: (percent: number) => void, stop: Promise<void>) => Promise<RawSegment[]>;

/** Speaker separation after the transcription (diarizationRun.ts); spans in ms. */
export type DiarizeRun = (
  input: { segmentationPath: string; embeddingPath: string; threads: number; pcm: Int16Array },
  onProgress: (percent: number) => void,
  stop: Promise<void>,
) => Promise<Array<{ startMs: number; endMs: number; speaker: number }>>;

/** Of the progress bar, whisper's share when speaker separation follows (it takes a fraction of whisper's time). */
const WHISPER_SHARE = 85;

const HEARTBEAT_MS = 250;

/**
 * The engine process's side of the channel: one transcription per process. It takes `start`,
 * the PCM in order, then `run`; answers with `done` or `failed` and exits. A heartbeat with its
 * resident memory goes out from the main thread all along, so a host sees both a process that
 * grows and one whose main thread is stuck. Every message is parsed before it is used; one that
 * does not parse ends the process (the host sent it, so something is badly wrong).
 */
export function serveEngine(port: EnginePort, run: EngineRun, exit: (code: number) => void = (code) => process.exit(code), diarize?: DiarizeRun): void {
  let input: EngineInput | null = null;
  let received = 0;
  let nextSeq = 0;
  let running = false;
  let stopRequested: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => { stopRequested = resolve; });

  const heartbeat = (): void => port.post({ kind: 'heartbeat', rssBytes: process.memoryUsage.rss() });
  heartbeat();
  const timer = setInterval(heartbeat, HEARTBEAT_MS);

  const finish = (message: Parameters<EnginePort['post']>[0]): void => {
    clearInterval(timer);
    port.post(message);
    // Let the message leave before the process ends.
    setTimeout(() => exit(0), 50);
  };
  const fail = (code: (typeof ENGINE_FAILURES)[number]): void => finish({ kind: 'failed', code });

  port.onMessage((raw) => {
    const parsed = ToEngine.safeParse(raw);
    if (!parsed.success) return fail('VALIDATION');
    const message = parsed.data;
    switch (message.kind) {
      case 'start':
        if (input) return fail('VALIDATION');
        input = { modelPath: message.modelPath, language: message.language, threads: message.threads, pcm: new Int16Array(message.sampleCount), diarization: message.diarization };
        return;
      case 'pcm': {
        if (!input || running || message.seq !== nextSeq) return fail('VALIDATION');
        const samples = message.bytes.byteLength / 2;
        if (received + samples > input.pcm.length) return fail('VALIDATION');
        // Sample by sample: the chunk's buffer may be unaligned for an Int16Array view.
        const view = new DataView(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
        for (let i = 0; i < samples; i++) input.pcm[received + i] = view.getInt16(i * 2, true);
        received += samples;
        nextSeq += 1;
        return;
      }
      case 'run': {
        if (!input || running || received !== input.pcm.length) return fail('VALIDATION');
        running = true;
        let stopped = false;
        void stop.then(() => { stopped = true; });
        const separation = input.diarization && diarize ? input.diarization : null;
        const progress = (from: number, share: number) => (percent: number) => {
          if (!stopped) port.post({ kind: 'progress', percent: from + (Math.max(0, Math.min(100, percent)) * share) / 100 });
        };
        const pcm = input.pcm;
        const threads = input.threads;
        run(input, progress(0, separation ? WHISPER_SHARE : 100), stop).then(
          (segments) => {
            if (stopped) return fail('TRANSCRIPTION_CANCELLED');
            if (!separation || !diarize) return finish({ kind: 'done', segments });
            // The call after the transcription: speaker separation on the same audio (ADR 0024).
            // Its failure costs only the automatic speakers, never the text.
            port.post({ kind: 'transcribed', segments });
            diarize({ ...separation, threads, pcm }, progress(WHISPER_SHARE, 100 - WHISPER_SHARE), stop).then(
              (speakers) => (stopped ? fail('TRANSCRIPTION_CANCELLED') : finish({ kind: 'done', segments, speakers })),
              () => (stopped ? fail('TRANSCRIPTION_CANCELLED') : finish({ kind: 'done', segments, speakers: null })),
            );
          },
          (error: unknown) => {
            const code = error instanceof AppError ? error.code : (error as { code?: string } | null)?.code;
            fail(stopped ? 'TRANSCRIPTION_CANCELLED' : (ENGINE_FAILURES as readonly string[]).includes(code ?? '')
              ? (code as (typeof ENGINE_FAILURES)[number]) : code === 'ENOENT' ? 'NOT_FOUND' : 'TRANSCRIPTION_FAILED');
          },
        );
        return;
      }
      case 'stop':
        stopRequested();
        // Not started yet: nothing native to stop.
        if (!running) fail('TRANSCRIPTION_CANCELLED');
        return;
    }
  });
}
