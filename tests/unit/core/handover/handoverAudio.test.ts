import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importSnapshot } from '../../../../electron/core/handover/importSnapshot';
import { buildStudentSnapshot, parseSnapshot } from '../../../../electron/core/handover/studentSnapshot';
import { RECORDER_MIME } from '../../../../shared/recordingSchemas';
import { makeExportWorld } from '../export/serviceWorld';
import { cheapTransferScrypt, exportFile, importFile, makeTargetWorld, NAME } from './handoverWorld';

cheapTransferScrypt();

async function sourceWithAudio() {
  const world = await makeExportWorld({ displayName: NAME });
  const { api, student } = world;
  const dialogue = await api.dialogues.create({
    studentId: student.id, templateVersionId: world.template('intake').id, heldOn: '2025-09-01', title: 'Gesprek', participants: [],
  });
  await api.consent.register({ studentId: student.id, givenOn: '2025-08-30', givenBy: 'parent_guardian', purpose: 'Verslag maken' });
  const recording = await api.recordings.start({ dialogueId: dialogue.id, mime: RECORDER_MIME });
  const chunks = [0, 1, 2].map(() => new Uint8Array(randomBytes(5000)));
  for (const [seq, bytes] of chunks.entries()) await api.recordings.appendChunk({ recordingId: recording.id, seq, bytes });
  await api.recordings.finish({ recordingId: recording.id, durationMs: 3000 });
  return { ...world, dialogue, audio: Buffer.concat(chunks) };
}

describe('handover carries consent and audio (issue 17)', () => {
  it('brings the consent and every recording, byte for byte, to the other vault', async () => {
    const source = await sourceWithAudio();
    const file = await exportFile(source);
    // The audio is inside the encrypted file, not readable in it.
    expect(file.includes(source.audio.subarray(0, 64))).toBe(false);
    const target = await makeTargetWorld();
    const result = await importFile(target.api, file, 'import');
    expect(result.counts).toMatchObject({ recordings: 1 });
    const studentId = result.studentId!;
    expect(await target.api.consent.get({ studentId })).toMatchObject({ givenOn: '2025-08-30', givenBy: 'parent_guardian', purpose: 'Verslag maken' });
    const dialogues = await target.api.dialogues.list({ studentId });
    const [recording] = await target.api.recordings.list({ dialogueId: dialogues[0]!.id });
    expect(recording).toMatchObject({ status: 'complete', durationMs: 3000, byteCount: source.audio.length, mime: RECORDER_MIME });
    const audio = await target.api.recordings.read({ recordingId: recording!.id });
    expect(Buffer.from(audio.bytes).equals(source.audio)).toBe(true);
  });

  it('refuses a file whose audio does not match what it says, or that has audio without consent, and changes nothing', async () => {
    const source = await sourceWithAudio();
    const snapshot = buildStudentSnapshot(source.backend.vault.database(), source.student.id, new Date().toISOString());
    expect(snapshot.recordings).toHaveLength(1);
    const target = await makeTargetWorld();
    const db = target.backend.vault.database();
    const count = () => db.prepare('SELECT (SELECT count(*) FROM students) + (SELECT count(*) FROM recordings) + (SELECT count(*) FROM consents)').pluck().get();

    const shortened = parseSnapshot(JSON.parse(JSON.stringify({ ...snapshot, recordings: [{ ...snapshot.recordings[0]!, byteCount: 10 }] })));
    expect(() => importSnapshot(db, shortened, { mode: 'import' }, new Date().toISOString())).toThrow('HANDOVER_DAMAGED');
    const withoutConsent = parseSnapshot(JSON.parse(JSON.stringify({ ...snapshot, consents: [] })));
    expect(() => importSnapshot(db, withoutConsent, { mode: 'import' }, new Date().toISOString())).toThrow('HANDOVER_DAMAGED');
    expect(count()).toBe(0);
    // A file made before issue 17 has neither field and still opens.
    const { consents: _c, recordings: _r, ...older } = snapshot;
    expect(parseSnapshot(JSON.parse(JSON.stringify(older)))).toMatchObject({ consents: [], recordings: [] });
  });
});
