import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../../shared/api';
import type { BackendEvent } from '../../../../shared/events';
import { fakeTranscriptionEngine } from '../../../e2e/hooks/fakeTranscription';
import { chosenFilePicker } from '../../../harness/chosenFile';
import { expectAppError, makeUnlockedBackend } from '../../helpers/core';
import { writeTinyModel } from '../../helpers/ggmlTinyModel';
import { tinyEmbeddingModel, tinySegmentationModel } from '../../helpers/onnxTinyModels';
import { tempDir } from '../../helpers/tempDir';

/**
 * The school's speaker-separation models (ADR 0024) through the API: imported like the whisper
 * model (inspected in a limited job, hashed, copied, confirmed), and once both are there a
 * transcription's segments come back as speaker turns. The engine is the tests' fake, which
 * answers spans as the model would; the real sherpa-onnx is in diarizationEngine.test.ts.
 */
async function world() {
  const picker = chosenFilePicker();
  const made = await makeUnlockedBackend({ openFilePicker: picker, transcriptionEngine: fakeTranscriptionEngine });
  const files = tempDir();
  const events: BackendEvent[] = [];
  made.backend.onEvent((event) => events.push(event));
  return { ...made, picker, files, events };
}

function place(files: string, name: string, bytes: Uint8Array): string {
  const path = join(files, name);
  writeFileSync(path, bytes);
  return path;
}

async function transcribeTone(api: Api, events: BackendEvent[], picker: ReturnType<typeof chosenFilePicker>, files: string) {
  const student = await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
  const [template] = await api.templates.list();
  const dialogue = await api.dialogues.create({ studentId: student.id, templateVersionId: template!.id, heldOn: '2025-09-01', title: 'Gesprek', participants: [] });
  await api.consent.register({ studentId: student.id, givenOn: '2025-09-01', givenBy: 'parent_guardian', purpose: 'Verslag' });
  const pcm = new Int16Array(6 * 16_000).map((_, i) => Math.round(Math.sin(i * 0.09) * 6000));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0); header.writeUInt32LE(36 + pcm.byteLength, 4); header.write('WAVEfmt ', 8); header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22); header.writeUInt32LE(16_000, 24); header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34); header.write('data', 36); header.writeUInt32LE(pcm.byteLength, 40);
  picker.select(place(files, 'gesprek.wav', Buffer.concat([header, Buffer.from(pcm.buffer)])));
  const picked = await api.audio.pick({ dialogueId: dialogue.id });
  const recording = await api.audio.store({ token: picked!.token, durationMs: 6000 });
  const { jobId } = await api.transcription.start({ dialogueId: dialogue.id, recordingId: recording.id, sampleCount: pcm.length });
  await api.transcription.pcm({ jobId, seq: 0, bytes: new Uint8Array(pcm.buffer) });
  await api.transcription.run({ jobId });
  for (let i = 0; i < 400 && !events.some((e) => e.name === 'transcription:finished' && e.payload.jobId === jobId); i++) await new Promise((r) => setTimeout(r, 25));
  return api.transcription.result({ jobId });
}

describe('speaker-separation models', () => {
  it('imports both, each by what it is, used only once both are confirmed; turns then come assigned', async () => {
    const { api, picker, files, dir, events } = await world();
    const whisper = join(files, 'ggml-klein.bin');
    writeTinyModel(whisper);
    picker.select(whisper);
    await api.models.confirm({ id: (await api.models.import({}))!.id });

    expect(await api.models.speakers({})).toEqual({ segmentation: null, embedding: null, ready: false });
    // The embedding first: the order does not matter, the file says what it is.
    const embPath = place(files, 'wespeaker.onnx', tinyEmbeddingModel({ embeddingDim: 32 }));
    picker.select(embPath);
    const emb = await api.models.importSpeaker({});
    expect(emb).toMatchObject({ kind: 'embedding', confirmed: false, framework: 'wespeaker', outputDim: 32, originalName: 'wespeaker.onnx' });
    expect(readFileSync(join(dir, 'models', 'speakers', emb!.id)).equals(readFileSync(embPath))).toBe(true);
    picker.select(place(files, 'segmentation.onnx', tinySegmentationModel()));
    const seg = await api.models.importSpeaker({});
    expect(seg).toMatchObject({ kind: 'segmentation', numSpeakers: 3, confirmed: false });
    expect((await api.models.speakers({})).ready).toBe(false);

    // Unconfirmed: transcription works as before, without automatic speakers.
    const before = await transcribeTone(api, events, picker, files);
    expect(before.autoSpeakers).toBe(false);
    expect(before.segments.every((s) => s.speaker === undefined)).toBe(true);

    await api.models.confirmSpeaker({ kind: 'segmentation' });
    expect((await api.models.confirmSpeaker({ kind: 'embedding' })).ready).toBe(true);
    const after = await transcribeTone(api, events, picker, files);
    expect(after.autoSpeakers).toBe(true);
    // The fake's six lines alternate model ids 4 and 9: numbered 1 and 2 by first appearance.
    expect(after.segments.map((s) => s.speaker)).toEqual([1, 2, 1, 2, 1, 2]);
    // No text of the dialogue in what the app wrote beside the models.
    expect(readFileSync(join(dir, 'models', 'speakers', 'speakers.json'), 'utf8')).not.toMatch(/stage|Noor/);

    // A new file of a kind replaces the old one (and it needs confirming again).
    picker.select(place(files, 'other-seg.onnx', tinySegmentationModel({ seed: 99 })));
    const replaced = await api.models.importSpeaker({});
    expect(replaced!.id).not.toBe(seg!.id);
    expect(existsSync(join(dir, 'models', 'speakers', seg!.id))).toBe(false);
    expect((await api.models.speakers({})).ready).toBe(false);

    const removed = await api.models.removeSpeaker({ kind: 'embedding' });
    expect(removed.embedding).toBeNull();
    expect(existsSync(join(dir, 'models', 'speakers', emb!.id))).toBe(false);
  });

  it('refuses what sherpa-onnx would crash on, and keeps nothing of it', async () => {
    const { api, picker, files, dir } = await world();
    picker.select(place(files, 'not-onnx.onnx', Buffer.from('geen model\n'.repeat(100))));
    await expectAppError(api.models.importSpeaker({}), 'SPEAKER_MODEL_INVALID');
    picker.select(place(files, 'no-window.onnx', tinySegmentationModel({ omitSegmentationKeys: ['window_size'] })));
    const missing = await expectAppError(api.models.importSpeaker({}), 'SPEAKER_MODEL_METADATA');
    expect(missing.params).toEqual({ key: 'window_size' });
    picker.select(place(files, 'neither.onnx', tinyEmbeddingModel({ omitEmbeddingKeys: ['framework'] })));
    await expectAppError(api.models.importSpeaker({}), 'SPEAKER_MODEL_UNKNOWN_KIND');
    const speakersDir = join(dir, 'models', 'speakers');
    expect(existsSync(speakersDir) ? readdirSync(speakersDir).filter((f) => f !== 'speakers.json') : []).toEqual([]);
    await expectAppError(api.models.confirmSpeaker({ kind: 'embedding' }), 'NOT_FOUND');
    picker.select(null);
    expect(await api.models.importSpeaker({})).toBeNull();
  });
});
