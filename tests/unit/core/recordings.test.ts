import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eraseStudent } from '../../../electron/core/erasure/erasure';
import { listAudit } from '../../../electron/core/repositories/auditRepository';
import {
  appendChunk, readRecording, SEGMENT_BYTES, startRecording, storeImportedRecording,
} from '../../../electron/core/repositories/recordingRepository';
import { deleteExpiredAudio } from '../../../electron/core/retention/audioRetention';
import type { Api } from '../../../shared/api';
import { MAX_CHUNK_BYTES, RECORDER_MIME } from '../../../shared/recordingSchemas';
import { expectAppError, FakeClock, PASSPHRASE } from '../helpers/core';
import { makeDialogueWorld, newDialogue } from '../helpers/dialogues';

const DAY = 24 * 3600_000;

async function world(clock = new FakeClock()) {
  const made = await makeDialogueWorld({ clock });
  const dialogue = await newDialogue(made.api, made.student.id, made.template('intake'));
  const db = () => made.backend.vault.database();
  const consent = () => made.api.consent.register({ studentId: made.student.id, givenOn: '2025-09-01', givenBy: 'parent_guardian', purpose: 'Verslag van loopbaangesprekken' });
  return { ...made, dialogue, db, consent };
}

/** Records `chunks` through the API and finishes; returns the recording and the bytes sent. */
async function record(api: Api, dialogueId: string, chunks: Uint8Array<ArrayBuffer>[], durationMs = 3000) {
  const recording = await api.recordings.start({ dialogueId, mime: RECORDER_MIME });
  for (const [seq, bytes] of chunks.entries()) await api.recordings.appendChunk({ recordingId: recording.id, seq, bytes, elapsedMs: (seq + 1) * 1000 });
  const finished = await api.recordings.finish({ recordingId: recording.id, durationMs });
  return { recording: finished, sent: Buffer.concat(chunks) };
}

const chunk = (size = 4000) => new Uint8Array(randomBytes(size));

describe('consent', () => {
  it('is registered, shown, and required before recording; audit events carry no content', async () => {
    const { api, student, dialogue, consent, db } = await world();
    expect(await api.consent.get({ studentId: student.id })).toBeNull();
    await expectAppError(api.recordings.start({ dialogueId: dialogue.id, mime: RECORDER_MIME }), 'CONSENT_REQUIRED');
    // The internal import path keeps the same rule.
    expect(() => storeImportedRecording(db(), { dialogueId: dialogue.id, mime: 'audio/wav', bytes: chunk(), durationMs: 1000 }, new Date().toISOString()))
      .toThrow('CONSENT_REQUIRED');

    const registered = await consent();
    expect(registered).toMatchObject({ studentId: student.id, givenOn: '2025-09-01', givenBy: 'parent_guardian', purpose: 'Verslag van loopbaangesprekken' });
    expect(await api.consent.get({ studentId: student.id })).toEqual(registered);
    // One active consent at a time.
    await expectAppError(consent(), 'CONFLICT');
    await expectAppError(api.consent.register({ studentId: student.id, givenOn: '2025-13-01', givenBy: 'student', purpose: 'x' }), 'VALIDATION');

    const started = await api.recordings.start({ dialogueId: dialogue.id, mime: RECORDER_MIME });
    expect(started).toMatchObject({ status: 'recording', source: 'recorded', byteCount: 0, studentId: student.id });
    const audit = listAudit(db(), 10).find((entry) => entry.kind === 'consent.registered')!;
    expect(audit.detail).toEqual({ givenBy: 'parent_guardian' });
    expect(JSON.stringify(listAudit(db(), 50))).not.toContain('Verslag');
  });

  it('revoking deletes every recording of the student, and recording is refused again', async () => {
    const { api, student, dialogue, consent, db, template } = await world();
    await consent();
    const other = await newDialogue(api, student.id, template('intake'), '2025-09-02');
    await record(api, dialogue.id, [chunk(), chunk()]);
    await record(api, other.id, [chunk()]);
    expect((await api.recordings.list({ dialogueId: dialogue.id })).length).toBe(1);

    expect(await api.consent.revoke({ studentId: student.id })).toEqual({ deletedRecordings: 2 });
    expect(await api.recordings.list({ dialogueId: dialogue.id })).toEqual([]);
    expect(await api.recordings.list({ dialogueId: other.id })).toEqual([]);
    expect(db().prepare('SELECT count(*) FROM recording_chunks').pluck().get()).toBe(0);
    expect(await api.consent.get({ studentId: student.id })).toBeNull();
    await expectAppError(api.recordings.start({ dialogueId: dialogue.id, mime: RECORDER_MIME }), 'CONSENT_REQUIRED');
    await expectAppError(api.consent.revoke({ studentId: student.id }), 'NOT_FOUND');
    expect(listAudit(db(), 5).find((entry) => entry.kind === 'consent.revoked')!.detail).toEqual({ recordings: 2 });
    // A new consent can be registered after a revocation.
    await consent();
  });
});

describe('recording', () => {
  it('stores chunks in order and reads them back byte for byte', async () => {
    const { api, dialogue, consent } = await world();
    await consent();
    const chunks = Array.from({ length: 90 }, (_, i) => chunk(3000 + i * 37));
    const { recording, sent } = await record(api, dialogue.id, chunks, 90_500);
    expect(recording).toMatchObject({ status: 'complete', durationMs: 90_500, byteCount: sent.length, interrupted: false });
    const audio = await api.recordings.read({ recordingId: recording.id });
    expect(audio.mime).toBe(RECORDER_MIME);
    expect(Buffer.from(audio.bytes).equals(sent)).toBe(true);
    expect((await api.recordings.list({ dialogueId: dialogue.id })).map((r) => r.id)).toEqual([recording.id]);
  });

  it('packs small chunks into segments and starts a new one when a segment is full', async () => {
    const { api, dialogue, consent, db } = await world();
    await consent();
    const chunks = Array.from({ length: 3 }, () => chunk(SEGMENT_BYTES / 2 - 10));
    const { recording, sent } = await record(api, dialogue.id, chunks);
    const segments = db().prepare('SELECT segment, length(bytes) AS size FROM recording_chunks WHERE recording_id = ? ORDER BY segment').all(recording.id);
    expect(segments).toEqual([{ segment: 0, size: 2 * (SEGMENT_BYTES / 2 - 10) }, { segment: 1, size: SEGMENT_BYTES / 2 - 10 }]);
    expect(Buffer.from(readRecording(db(), recording.id).bytes).equals(sent)).toBe(true);
  });

  it('refuses chunks out of order, after finishing, and over the size bound; a repeated chunk is stored once', async () => {
    const { api, dialogue, consent } = await world();
    await consent();
    const recording = await api.recordings.start({ dialogueId: dialogue.id, mime: RECORDER_MIME });
    const first = chunk();
    await api.recordings.appendChunk({ recordingId: recording.id, seq: 0, bytes: first });
    // The same chunk again (its answer was lost): accepted, not stored twice.
    expect(await api.recordings.appendChunk({ recordingId: recording.id, seq: 0, bytes: first })).toEqual({ seq: 0, byteCount: first.length });
    const gap = await expectAppError(api.recordings.appendChunk({ recordingId: recording.id, seq: 2, bytes: chunk() }), 'RECORDING_CHUNK_OUT_OF_ORDER');
    expect(gap.params).toEqual({ expected: 1 });
    await expectAppError(api.recordings.appendChunk({ recordingId: recording.id, seq: 1, bytes: new Uint8Array(MAX_CHUNK_BYTES + 1) }), 'VALIDATION');
    await expectAppError(api.recordings.appendChunk({ recordingId: recording.id, seq: 1, bytes: new Uint8Array(0) }), 'VALIDATION');
    // Not bytes at all: refused by the contract, not stored.
    await expectAppError(api.recordings.appendChunk({ recordingId: recording.id, seq: 1, bytes: 'AAAA' as unknown as Uint8Array<ArrayBuffer> }), 'VALIDATION');
    await api.recordings.finish({ recordingId: recording.id, durationMs: 1000 });
    await expectAppError(api.recordings.appendChunk({ recordingId: recording.id, seq: 1, bytes: chunk() }), 'RECORDING_NOT_OPEN');
    expect(Buffer.from((await api.recordings.read({ recordingId: recording.id })).bytes).equals(Buffer.from(first))).toBe(true);
  });

  it('deletes one recording with its audio', async () => {
    const { api, dialogue, consent, db } = await world();
    await consent();
    const { recording } = await record(api, dialogue.id, [chunk()]);
    const kept = await record(api, dialogue.id, [chunk()]);
    await api.recordings.delete({ recordingId: recording.id });
    expect((await api.recordings.list({ dialogueId: dialogue.id })).map((r) => r.id)).toEqual([kept.recording.id]);
    expect(db().prepare('SELECT count(*) FROM recording_chunks WHERE recording_id = ?').pluck().get(recording.id)).toBe(0);
    await expectAppError(api.recordings.read({ recordingId: recording.id }), 'NOT_FOUND');
    expect(listAudit(db(), 3).map((entry) => entry.kind)).toContain('recording.deleted');
  });

  it('closes a recording cut off by a crash at the next unlock, keeping its chunks and elapsed time', async () => {
    const { api, backend, dialogue, consent } = await world();
    await consent();
    const recording = await api.recordings.start({ dialogueId: dialogue.id, mime: RECORDER_MIME });
    const sent = [chunk(), chunk()];
    for (const [seq, bytes] of sent.entries()) await api.recordings.appendChunk({ recordingId: recording.id, seq, bytes, elapsedMs: (seq + 1) * 1000 });
    backend.vault.lock();
    await api.vault.unlock({ passphrase: PASSPHRASE });
    const [closed] = await api.recordings.list({ dialogueId: dialogue.id });
    expect(closed).toMatchObject({ id: recording.id, status: 'complete', interrupted: true, durationMs: 2000, byteCount: 8000 });
    expect(Buffer.from((await api.recordings.read({ recordingId: recording.id })).bytes).equals(Buffer.concat(sent))).toBe(true);
  });

  it('stores an imported audio file as a complete recording (the core function for the audio import)', async () => {
    const { api, dialogue, consent, db } = await world();
    await consent();
    const bytes = chunk(SEGMENT_BYTES * 2 + 17);
    const stored = storeImportedRecording(db(), { dialogueId: dialogue.id, mime: 'audio/wav', bytes, durationMs: 61_000 }, new Date().toISOString());
    expect(stored).toMatchObject({ source: 'imported', status: 'complete', durationMs: 61_000, byteCount: bytes.length });
    expect(Buffer.from((await api.recordings.read({ recordingId: stored.id })).bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('audio at rest', () => {
  it('is removed by erasure: no recording, chunk or consent row of the student is left', async () => {
    const { api, student, dialogue, consent, db } = await world();
    await consent();
    await record(api, dialogue.id, [chunk(), chunk()]);
    eraseStudent(db(), student.id, 'Noor el Amrani', Date.now);
    for (const table of ['recordings', 'recording_chunks', 'consents']) {
      expect(db().prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });

  it('is deleted the chosen number of days after the transcript is final, and kept with 0', async () => {
    const clock = new FakeClock();
    const { api, dialogue, consent, db, student, template } = await world(clock);
    await consent();
    const draft = await newDialogue(api, student.id, template('intake'), '2025-09-02');
    const { recording } = await record(api, dialogue.id, [chunk()]);
    const draftRecording = await record(api, draft.id, [chunk()]);
    await api.dialogues.finalise({ id: dialogue.id, revision: 1 });
    await api.settings.update({ audioRetentionDays: 30 });

    clock.advance(29 * DAY);
    expect(deleteExpiredAudio(db(), clock.now())).toBe(0);
    clock.advance(1 * DAY + 1000);
    await api.settings.update({ audioRetentionDays: 0 });
    expect(deleteExpiredAudio(db(), clock.now())).toBe(0);
    await api.settings.update({ audioRetentionDays: 30 });
    expect(deleteExpiredAudio(db(), clock.now())).toBe(1);
    await expectAppError(api.recordings.read({ recordingId: recording.id }), 'NOT_FOUND');
    // A draft's audio stays: its transcript is not final.
    expect((await api.recordings.list({ dialogueId: draft.id })).map((r) => r.id)).toEqual([draftRecording.recording.id]);
    expect(listAudit(db(), 3).find((entry) => entry.kind === 'recording.expired')!.detail).toEqual({ count: 1, days: 30 });
  });

  it('runs the retention at unlock (the backend daily run)', async () => {
    const clock = new FakeClock();
    const { api, backend, dialogue, consent } = await world(clock);
    await consent();
    await record(api, dialogue.id, [chunk()]);
    await api.dialogues.finalise({ id: dialogue.id, revision: 1 });
    await api.settings.update({ audioRetentionDays: 7 });
    backend.vault.lock();
    clock.advance(8 * DAY);
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.recordings.list({ dialogueId: dialogue.id })).toEqual([]);
  });

  it('chunk writes go straight to the repository too (for other parts of the core)', async () => {
    const { dialogue, consent, db } = await world();
    await consent();
    const recording = startRecording(db(), { dialogueId: dialogue.id, mime: RECORDER_MIME }, new Date().toISOString());
    expect(appendChunk(db(), { recordingId: recording.id, seq: 0, bytes: chunk(10) })).toEqual({ seq: 0, byteCount: 10 });
  });
});
