import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignSpeakerTurns } from '../../../../electron/core/transcription/speakerTurns';
import { whisperEngine } from '../../../../electron/core/transcription/whisperEngine';
import { writeTinyModel } from '../../helpers/ggmlTinyModel';
import { writeTinyDiarizationModels } from '../../helpers/onnxTinyModels';
import { spokenPcm } from '../../helpers/spokenPcm';
import { tempDir } from '../../helpers/tempDir';

/**
 * The real sherpa-onnx (prebuilt in sherpa-onnx-node) after the real whisper.cpp, in the engine's
 * process as the app runs them (ADR 0024), on models this test writes itself (random weights) and
 * espeak-ng speech in two voices. Random weights give arbitrary speakers, so this asserts that the
 * job completes and the shape and bounds of what comes back, not who speaks when.
 */
type Span = { startMs: number; endMs: number; speaker: number };

const audio = spokenPcm(tempDir(), [
  { voice: 'nl', text: 'Hoi, fijn dat je er bent. Hoe ging je stage deze week? Vertel eens wat je hebt meegemaakt.' },
  { voice: 'nl+f3', pitch: 85, text: 'Het was een lastige week. Een klant werd boos en ik wist niet goed wat ik moest doen.' },
  { voice: 'nl', text: 'Wat deed dat met je? En met wie heb je erover gepraat?' },
]);

describe.skipIf(!(audio instanceof Int16Array))('speaker separation in the engine process', () => {
  const pcm = audio as Int16Array;
  const audioMs = Math.round((pcm.length / 16_000) * 1000);

  it('runs after whisper on the same audio and returns spans in bounds, with progress to 100', async () => {
    const dir = tempDir();
    const whisperPath = join(dir, 'tiny.bin');
    writeTinyModel(whisperPath);
    const models = writeTinyDiarizationModels(dir);
    const progress: number[] = [];
    let spans: Span[] | null | undefined;
    const segments = await whisperEngine.transcribe(pcm, {
      language: 'nl', modelPath: whisperPath,
      diarization: { segmentationPath: models.segmentation, embeddingPath: models.embedding, onSpans: (s) => { spans = s; } },
    }, (p) => progress.push(p.percent), new AbortController().signal);

    expect(Array.isArray(segments)).toBe(true);
    expect(spans).toBeInstanceOf(Array);
    const got = spans as Span[];
    // Speech for ~15 s in one file: the model, however random, finds at least one span.
    expect(got.length).toBeGreaterThan(0);
    for (const span of got) {
      expect(Number.isInteger(span.speaker) && span.speaker >= 0).toBe(true);
      expect(span.startMs).toBeGreaterThanOrEqual(0);
      expect(span.endMs).toBeGreaterThan(span.startMs);
      expect(span.endMs).toBeLessThanOrEqual(audioMs);
    }
    // whisper's share first, then the speakers' share, ending at 100.
    expect(progress.some((p) => p > 85)).toBe(true);
    expect(progress.at(-1)).toBe(100);
    // And the alignment takes what the library gave.
    const turns = alignSpeakerTurns(segments, got);
    for (const turn of turns) expect(turn.speaker === null || (turn.speaker >= 1 && turn.speaker <= 3)).toBe(true);
  }, 120_000);

  it('cuts spans at the end of audio shorter than one segmentation window (10 s, padded by the library)', async () => {
    const dir = tempDir();
    const whisperPath = join(dir, 'tiny.bin');
    writeTinyModel(whisperPath);
    const models = writeTinyDiarizationModels(dir);
    const short = pcm.subarray(0, 4 * 16_000);
    let spans: Span[] | null | undefined;
    await whisperEngine.transcribe(short, {
      language: 'nl', modelPath: whisperPath,
      diarization: { segmentationPath: models.segmentation, embeddingPath: models.embedding, onSpans: (s) => { spans = s; } },
    }, () => undefined, new AbortController().signal);
    expect(spans).toBeInstanceOf(Array);
    for (const span of spans as Span[]) expect(span.endMs).toBeLessThanOrEqual(4000);
  }, 120_000);

  it('cancels during the separation and the next transcription runs', async () => {
    const dir = tempDir();
    const whisperPath = join(dir, 'tiny.bin');
    writeTinyModel(whisperPath);
    const models = writeTinyDiarizationModels(dir, { seed: 5 });
    const controller = new AbortController();
    const running = whisperEngine.transcribe(pcm, {
      language: 'nl', modelPath: whisperPath,
      diarization: { segmentationPath: models.segmentation, embeddingPath: models.embedding, onSpans: () => undefined },
    }, (p) => {
      if (p.percent >= 85) controller.abort();
    }, controller.signal);
    await expect(running).rejects.toMatchObject({ code: 'TRANSCRIPTION_CANCELLED' });
    const again = await whisperEngine.transcribe(pcm.subarray(0, 32_000), { language: 'nl', modelPath: whisperPath }, () => undefined, new AbortController().signal);
    expect(Array.isArray(again)).toBe(true);
  }, 120_000);
});
