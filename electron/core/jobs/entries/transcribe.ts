import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { inspectModelFile } from '../../transcription/modelFile';
import type { WhisperAddon } from '../../transcription/whisperBinding';
import type { JobReply } from '../limitedJob';

/**
 * Worker entry for speech models and transcription (issue 17):
 * - `inspect`: walks a picked model file's header and tensor table (modelFile.ts);
 * - `transcribe`: loads the model with whisper.cpp and transcribes 16 kHz mono Int16 PCM,
 *   posting `{ progress: { percent } }` as whisper.cpp reports it.
 * To cancel, and at its deadline, the host first posts `{ stop: true }`: the binding's own stop
 * ends whisper.cpp, the context is released and the worker replies TRANSCRIPTION_CANCELLED; the
 * host terminates the worker only after that reply, or when none comes in time (the binding's
 * promise never settles when whisper.cpp fails inside its own thread). See whisperEngine.ts.
 */
type Input =
  | { op: 'inspect'; path: string }
  | { op: 'transcribe'; addonPath: string; modelPath: string; pcm: Uint8Array; language: string; threads: number };

async function transcribe(input: Extract<Input, { op: 'transcribe' }>): Promise<unknown> {
  const addon = createRequire(input.addonPath)(input.addonPath) as WhisperAddon;
  let context;
  try {
    context = await (new addon.WhisperContext({ filePath: input.modelPath, useGpu: false }) as unknown as Promise<InstanceType<WhisperAddon['WhisperContext']>>);
  } catch {
    throw new AppError('MODEL_NOT_A_MODEL');
  }
  // An own copy: the binding wants a whole ArrayBuffer of Int16 samples.
  const audio = new ArrayBuffer(input.pcm.byteLength);
  new Uint8Array(audio).set(input.pcm);
  let stopping = false;
  const { promise, stop } = context.transcribeData(audio, {
    language: input.language,
    maxThreads: input.threads,
    temperature: 0,
    onProgress: (percent: number) => {
      if (!stopping) parentPort?.postMessage({ progress: { percent } });
    },
  });
  const onStop = (message: unknown): void => {
    if (!(message && typeof message === 'object' && 'stop' in message) || stopping) return;
    stopping = true;
    void stop().catch(() => undefined);
  };
  parentPort?.on('message', onStop);
  try {
    const result = await promise;
    if (stopping || result.isAborted) throw new AppError('TRANSCRIPTION_CANCELLED');
    return result.segments.map((s) => ({ startMs: s.t0, endMs: s.t1, text: s.text }));
  } finally {
    parentPort?.off('message', onStop);
    await context.release().catch(() => undefined);
  }
}

async function run(input: Input): Promise<JobReply> {
  try {
    if (input.op === 'inspect') return { ok: true, value: inspectModelFile(input.path) };
    return { ok: true, value: await transcribe(input) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
    if ((error as { code?: string })?.code === 'ENOENT') return { ok: false, error: { code: 'NOT_FOUND' } };
    return { ok: false, error: { code: input.op === 'inspect' ? 'MODEL_NOT_A_MODEL' : 'TRANSCRIPTION_FAILED' } };
  }
}

void run(workerData as Input).then((reply) => parentPort?.postMessage(reply));
