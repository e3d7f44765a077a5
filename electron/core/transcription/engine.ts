import type { Segment } from '../../../shared/transcriptionSchemas';

/** How far a transcription is: percent done and, once it can be told, seconds left. */
export interface TranscriptionProgress {
  percent: number;
  secondsLeft: number | null;
}

export interface TranscribeOptions {
  language: 'nl' | 'en';
  /** The model file to use (the real engine); a fake ignores it. */
  modelPath: string;
  /** The model's estimated memory (from its import), for the engine process's memory bound. */
  memoryBytes?: number;
  /**
   * Speaker separation after the transcription, in the same engine process (ADR 0024), when the
   * school added its two models. `onSpans` gets the spans (ms, the model's speaker ids) before the
   * segments resolve, or null when the separation failed or its process died after whisper.
   */
  diarization?: {
    segmentationPath: string;
    embeddingPath: string;
    onSpans(spans: Array<{ startMs: number; endMs: number; speaker: number }> | null): void;
  };
}

/**
 * What turns 16 kHz mono audio into timed text. The real one is whisper.cpp in a process of its
 * own (engineProcess.ts); tests and the tour give the host a fake through a test hook.
 */
export interface TranscriptionEngine {
  transcribe(
    pcm: Int16Array,
    options: TranscribeOptions,
    onProgress: (progress: TranscriptionProgress) => void,
    signal: AbortSignal,
  ): Promise<Segment[]>;
}

/**
 * Segments as the app keeps them: text trimmed, empty ones and whisper's non-speech marks
 * ("[BLANK_AUDIO]", "(muziek)") dropped, times in order and within the audio. whisper.cpp
 * rounds a last segment up to its 30-second window, so an end past the audio is cut to it.
 */
export function normaliseSegments(raw: Array<{ startMs: number; endMs: number; text: string }>, audioMs: number): Segment[] {
  const out: Segment[] = [];
  for (const segment of raw) {
    const text = segment.text.replace(/\s+/g, ' ').trim();
    if (!text || /^[[(].*[\])]$/.test(text)) continue;
    const startMs = Math.max(0, Math.min(Math.round(segment.startMs), audioMs));
    const endMs = Math.max(startMs, Math.min(Math.round(segment.endMs), audioMs));
    out.push({ startMs, endMs, text: text.slice(0, 20_000) });
  }
  return out;
}

export function secondsLeft(startedAt: number, now: number, percent: number): number | null {
  if (percent < 2 || percent >= 100) return percent >= 100 ? 0 : null;
  const elapsed = (now - startedAt) / 1000;
  return Math.max(0, Math.round((elapsed * (100 - percent)) / percent));
}
