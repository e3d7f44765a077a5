import { createRequire } from 'node:module';
import { AppError } from '../../../shared/errors';
import type { EngineRun } from './engineServer';
import { type WhisperAddon, whisperAddonPath } from './whisperBinding';

/**
 * whisper.cpp through @fugood/whisper.node, as the engine process runs it: load the model,
 * transcribe the Int16 PCM with progress, and on `stop` ask the binding to stop (the context is
 * released either way). A native abort here ends this process only; the host names it.
 */
export const whisperRun: EngineRun = async (input, onProgress, stop) => {
  const addonPath = whisperAddonPath();
  const addon = createRequire(addonPath)(addonPath) as WhisperAddon;
  let context;
  try {
    context = await (new addon.WhisperContext({ filePath: input.modelPath, useGpu: false }) as unknown as Promise<InstanceType<WhisperAddon['WhisperContext']>>);
  } catch {
    throw new AppError('MODEL_NOT_A_MODEL');
  }
  // An own copy: the binding wants a whole ArrayBuffer of Int16 samples.
  const audio = new ArrayBuffer(input.pcm.byteLength);
  new Int16Array(audio).set(input.pcm);
  let stopping = false;
  const job = context.transcribeData(audio, { language: input.language, maxThreads: input.threads, temperature: 0, onProgress });
  void stop.then(() => {
    stopping = true;
    void job.stop().catch(() => undefined);
  });
  try {
    const result = await job.promise;
    if (stopping || result.isAborted) throw new AppError('TRANSCRIPTION_CANCELLED');
    return result.segments.map((s) => ({ startMs: s.t0, endMs: s.t1, text: s.text }));
  } finally {
    await context.release().catch(() => undefined);
  }
};
