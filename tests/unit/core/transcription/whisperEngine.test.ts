import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseSegments } from '../../../../electron/core/transcription/engine';
import { estimateMemoryBytes, inspectModelFile } from '../../../../electron/core/transcription/modelFile';
import { inspectModelInJob, whisperEngine } from '../../../../electron/core/transcription/whisperEngine';
import { writeTinyModel } from '../../helpers/ggmlTinyModel';
import { tempDir } from '../../helpers/tempDir';

/**
 * The real whisper.cpp (prebuilt in @fugood/whisper.node) on a model this test writes itself:
 * random weights, state 16, one encoder and one decoder layer. It proves loading, inference,
 * progress, timestamps and the engine process's cancel, not accuracy: the text is noise, and Dutch accuracy
 * is not measured anywhere here (no real model can be downloaded on these machines).
 */
function tone(seconds: number): Int16Array {
  const pcm = new Int16Array(seconds * 16_000);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin((i * 2 * Math.PI * 220) / 16_000) * 8000 * (i % 8000 < 4000 ? 1 : 0.2));
  return pcm;
}

describe('whisper.cpp engine on a generated tiny model', () => {
  it('reads the header and tensor table of the generated model', () => {
    const dir = tempDir();
    const path = join(dir, 'tiny.bin');
    const size = writeTinyModel(path);
    const header = inspectModelFile(path);
    expect(header).toMatchObject({ nVocab: 51865, audioLayers: 1, textLayers: 1, audioState: 16, multilingual: true, fileBytes: size });
    expect(header.tensorCount).toBe(11 + 15 + 24);
    expect(estimateMemoryBytes(header)).toBeGreaterThan(header.tensorBytes);
  });

  it('loads the model in the engine process and transcribes 2 s of audio with timestamps inside it', async () => {
    const dir = tempDir();
    const modelPath = join(dir, 'tiny.bin');
    writeTinyModel(modelPath);
    const progress: number[] = [];
    const raw = await whisperEngine.transcribe(tone(2), { language: 'nl', modelPath }, (p) => progress.push(p.percent), new AbortController().signal);
    expect(Array.isArray(raw)).toBe(true);
    for (const s of raw) expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
    const segments = normaliseSegments(raw, 2000);
    for (const s of segments) {
      expect(s.startMs).toBeGreaterThanOrEqual(0);
      expect(s.endMs).toBeLessThanOrEqual(2000);
    }
    expect(progress.at(-1)).toBe(100);
  }, 60_000);

  it('cancels by asking whisper.cpp to stop, and the next transcription runs', async () => {
    const dir = tempDir();
    const modelPath = join(dir, 'tiny.bin');
    writeTinyModel(modelPath);
    // Terminating a worker mid-inference once aborted the whole host (std::terminate from the
    // binding); the engine is a process of its own now, and cancel still asks whisper.cpp to stop
    // before it is killed. Several cancels at spread moments.
    for (const after of [50, 300, 800]) {
      const controller = new AbortController();
      const running = whisperEngine.transcribe(tone(60), { language: 'nl', modelPath }, () => undefined, controller.signal);
      setTimeout(() => controller.abort(), after);
      await expect(running).rejects.toMatchObject({ code: 'TRANSCRIPTION_CANCELLED' });
    }
    const segments = await whisperEngine.transcribe(tone(2), { language: 'nl', modelPath }, () => undefined, new AbortController().signal);
    expect(Array.isArray(segments)).toBe(true);
  }, 60_000);

  it('names a file that is not a model and one that is cut short', async () => {
    const dir = tempDir();
    const notModel = join(dir, 'notes.bin');
    writeFileSync(notModel, Buffer.from('Dit is geen model, maar een tekstbestand.'.repeat(10)));
    await expect(inspectModelInJob(notModel)).rejects.toMatchObject({ code: 'MODEL_NOT_A_MODEL' });
    const full = join(dir, 'tiny.bin');
    writeTinyModel(full);
    const cut = join(dir, 'cut.bin');
    const bytes = readFileSync(full);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await expect(inspectModelInJob(cut)).rejects.toMatchObject({ code: 'MODEL_TRUNCATED' });
    // Cut inside the vocabulary, too.
    writeFileSync(cut, bytes.subarray(0, 40_000));
    await expect(inspectModelInJob(cut)).rejects.toMatchObject({ code: 'MODEL_TRUNCATED' });
  }, 30_000);
});
