import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forkEngine, processEngine } from '../../../../electron/core/transcription/engineProcess';

/**
 * Speaker separation runs after whisper in the engine's process (ADR 0024). Whatever it does, the
 * transcription's text survives: a native abort or exit() there ends the engine only, and the host
 * finishes with whisper's segments and no automatic speakers.
 */
const FAKE = join(import.meta.dirname, 'fakeDiarizationChild.ts');
const pcm = new Int16Array(4 * 16_000).fill(1000);
type Spans = Array<{ startMs: number; endMs: number; speaker: number }> | null;

async function transcribe(mode: string) {
  const engine = processEngine({ spawn: () => forkEngine(FAKE, [mode]), threads: 1, silenceMs: 10_000 });
  let spans: Spans | undefined;
  const progress: number[] = [];
  const segments = await engine.transcribe(pcm, {
    language: 'nl', modelPath: '/unused',
    diarization: { segmentationPath: '/seg.onnx', embeddingPath: '/emb.onnx', onSpans: (s) => { spans = s; } },
  }, (p) => progress.push(p.percent), new AbortController().signal);
  return { segments, spans, progress };
}

describe('speaker separation failing after whisper', () => {
  it.each(['abort', 'exit', 'throws'])('%s: whisper\'s segments are kept and the speakers are null', async (mode) => {
    const { segments, spans } = await transcribe(mode);
    expect(segments.map((s) => s.text)).toEqual(['s0', 's1', 's2', 's3']);
    expect(spans).toBeNull();
  }, 30_000);

  it('spans come with the segments, and progress runs 0-85 for whisper and 85-100 for the speakers', async () => {
    const { segments, spans, progress } = await transcribe('spans');
    expect(segments).toHaveLength(4);
    expect(spans).toEqual([0, 7, 0, 7].map((speaker, i) => ({ startMs: i * 1000, endMs: (i + 1) * 1000, speaker })));
    expect(progress).toEqual([85, 92.5, 100]);
  }, 30_000);
});
