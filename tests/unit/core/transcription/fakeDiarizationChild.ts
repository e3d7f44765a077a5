import { type DiarizeRun, type EngineRun, serveEngine } from '../../../../electron/core/transcription/engineServer';

/**
 * An engine process whose whisper step gives one segment per second and whose speaker
 * separation then misbehaves as sherpa-onnx might (ADR 0024):
 * - `abort`: the native library aborts the process (a file it cannot parse);
 * - `exit`: it calls exit(), as sherpa-onnx does on missing metadata;
 * - `throws`: the separation fails with an exception;
 * - `spans`: it answers two speakers alternating every second.
 */
const mode = process.argv[2];

const whisper: EngineRun = async (input, onProgress) => {
  onProgress(100);
  const seconds = Math.round(input.pcm.length / 16_000);
  return Array.from({ length: seconds }, (_, i) => ({ startMs: i * 1000, endMs: (i + 1) * 1000, text: `s${i}` }));
};

const separations: Record<string, DiarizeRun> = {
  abort: () => new Promise(() => setTimeout(() => process.abort(), 50)),
  exit: () => new Promise(() => setTimeout(() => process.exit(255), 50)),
  throws: () => Promise.reject(new Error('sherpa said no')),
  spans: async (input, onProgress) => {
    onProgress(50);
    onProgress(100);
    const seconds = Math.round(input.pcm.length / 16_000);
    return Array.from({ length: seconds }, (_, i) => ({ startMs: i * 1000, endMs: (i + 1) * 1000, speaker: (i % 2) * 7 }));
  },
};

process.on('disconnect', () => process.exit(0));
serveEngine({
  post: (message) => {
    process.send?.(message);
  },
  onMessage: (listener) => process.on('message', listener),
}, whisper, undefined, separations[mode ?? ''] ?? separations.throws!);
