import { createRequire } from 'node:module';
import { AppError } from '../../../shared/errors';
import { type DiarizationAddon, diarizationAddonPath } from './diarizationBinding';
import type { SpeakerSpan } from './speakerTurns';

export interface DiarizationInput {
  segmentationPath: string;
  embeddingPath: string;
  threads: number;
  pcm: Int16Array;
}

/** At most this many spans are passed on (three hours of turns every half second is ~22,000). */
export const MAX_SPEAKER_SPANS = 100_000;

/**
 * Clustering: the number of speakers is not known beforehand, so sherpa-onnx clusters the
 * embeddings by cosine distance below this threshold (its own examples use 0.5; lower gives more
 * speakers). Spans shorter than `minDurationOn` are dropped and gaps shorter than
 * `minDurationOff` closed, as in sherpa-onnx's examples, so a cough is not a turn of its own.
 */
const CLUSTER_THRESHOLD = 0.5;
const MIN_DURATION_ON_S = 0.3;
const MIN_DURATION_OFF_S = 0.5;

/**
 * Speaker separation with sherpa-onnx (a pyannote segmentation model and a speaker embedding
 * model), as the transcription engine's process runs it after whisper.cpp, on the same 16 kHz
 * audio (ADR 0024). Progress is per embedded chunk. The library's work cannot be stopped once
 * started: `stop` rejects at once with TRANSCRIPTION_CANCELLED and the process is ended by the
 * host, which is what makes that safe. The files were inspected at import (onnxModelFile.ts), so
 * the known ways sherpa-onnx ends a process (missing metadata, not ONNX) are refused before this.
 */
export async function diarizationRun(input: DiarizationInput, onProgress: (percent: number) => void, stop: Promise<void>): Promise<SpeakerSpan[]> {
  const addonPath = diarizationAddonPath();
  const addon = createRequire(addonPath)(addonPath) as DiarizationAddon;
  let handle: unknown;
  try {
    handle = addon.createOfflineSpeakerDiarization({
      segmentation: { pyannote: { model: input.segmentationPath }, numThreads: input.threads, debug: 0 },
      embedding: { model: input.embeddingPath, numThreads: input.threads, debug: 0 },
      clustering: { numClusters: -1, threshold: CLUSTER_THRESHOLD },
      minDurationOn: MIN_DURATION_ON_S,
      minDurationOff: MIN_DURATION_OFF_S,
    });
  } catch {
    // "Please check your config!": a file gone, or a model the library will not take.
    throw new AppError('SPEAKER_MODEL_INVALID');
  }
  if (addon.getOfflineSpeakerDiarizationSampleRate(handle) !== 16_000) throw new AppError('SPEAKER_MODEL_METADATA', { key: 'sample_rate' });
  const samples = new Float32Array(input.pcm.length);
  for (let i = 0; i < samples.length; i++) samples[i] = input.pcm[i]! / 32_768;
  const running = addon.offlineSpeakerDiarizationProcessAsync(handle, samples, (done, total) => {
    if (total > 0) onProgress(Math.min(100, (done / total) * 100));
  });
  const stopped = stop.then(() => {
    throw new AppError('TRANSCRIPTION_CANCELLED');
  });
  const raw = await Promise.race([running, stopped]);
  onProgress(100);
  // Audio shorter than one window (10 s for pyannote) is padded with silence, and spans can run
  // into that padding: they are cut at the audio's end.
  const audioMs = Math.round((input.pcm.length / 16_000) * 1000);
  const spans: SpeakerSpan[] = [];
  for (const s of raw.slice(0, MAX_SPEAKER_SPANS)) {
    const startMs = Math.max(0, Math.round(s.start * 1000));
    const endMs = Math.min(audioMs, Math.round(s.end * 1000));
    if (endMs > startMs) spans.push({ startMs, endMs, speaker: s.speaker });
  }
  return spans;
}
