import { createRequire } from 'node:module';

/**
 * The prebuilt sherpa-onnx addon for this platform (N-API, so one build serves Node and
 * Electron), from its platform package (sherpa-onnx-linux-x64, sherpa-onnx-win-x64 …; note
 * "win", not "win32"). Loaded by path, as the whisper addon is: the engine runs as a bundle, and
 * the wrapper package's own loader guesses paths from the working directory.
 */
export function diarizationAddonPath(): string {
  const require = createRequire(import.meta.url);
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  return require.resolve(`sherpa-onnx-${platform}-${process.arch}/sherpa-onnx.node`);
}

export interface DiarizationSpanRaw {
  start: number;
  end: number;
  speaker: number;
}

/** The few functions of the addon this app calls (sherpa-onnx 1.13.8, non-streaming-speaker-diarization.cc). */
export interface DiarizationAddon {
  createOfflineSpeakerDiarization(config: {
    segmentation: { pyannote: { model: string }; numThreads: number; debug: number };
    embedding: { model: string; numThreads: number; debug: number };
    clustering: { numClusters: number; threshold: number };
    minDurationOn: number;
    minDurationOff: number;
  }): unknown;
  getOfflineSpeakerDiarizationSampleRate(handle: unknown): number;
  /** Runs on libuv's pool; `onProgress(done, total)` per embedded chunk. It cannot be stopped. */
  offlineSpeakerDiarizationProcessAsync(handle: unknown, samples: Float32Array, onProgress: (done: number, total: number) => void): Promise<DiarizationSpanRaw[]>;
}
