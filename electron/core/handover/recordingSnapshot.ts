import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { ConsentGiver, MAX_RECORDING_BYTES, RecordingMime } from '../../../shared/recordingSchemas';
import { Id } from '../../../shared/schemas';
import type { Db } from '../db/connection';
import { readRecording, writeWhole } from '../repositories/recordingRepository';

/**
 * The consent and audio part of a student snapshot (issue 17): a handover carries the student's
 * consent (revoked ones too, as the record of the revocation) and every recording with its audio,
 * as base64 inside the encrypted handover file. Optional in the snapshot, so files made before
 * issue 17 still open.
 */

const stamp = z.string().max(40);
const MAX_AUDIO_BASE64 = 4 * Math.ceil(MAX_RECORDING_BYTES / 3);

export const SnapshotConsent = z.object({
  givenOn: z.iso.date(),
  givenBy: ConsentGiver,
  purpose: z.string().min(1).max(1000),
  registeredAt: stamp,
  revokedAt: stamp.nullable(),
});

export const SnapshotRecording = z.object({
  id: Id,
  dialogueId: Id,
  mime: RecordingMime,
  source: z.enum(['recorded', 'imported']),
  interrupted: z.boolean(),
  createdAt: stamp,
  finishedAt: stamp.nullable(),
  durationMs: z.number().int().nonnegative().max(24 * 3600_000),
  byteCount: z.number().int().min(1).max(MAX_RECORDING_BYTES),
  audioBase64: z.string().min(1).max(MAX_AUDIO_BASE64),
});

export const SNAPSHOT_RECORDING_LIMITS = { consents: 100, recordings: 500 } as const;

export const SnapshotRecordingFields = {
  consents: z.array(SnapshotConsent).max(SNAPSHOT_RECORDING_LIMITS.consents).default([]),
  recordings: z.array(SnapshotRecording).max(SNAPSHOT_RECORDING_LIMITS.recordings).default([]),
};

type SnapshotConsent = z.infer<typeof SnapshotConsent>;
type SnapshotRecording = z.infer<typeof SnapshotRecording>;

/** The student's consents and complete recordings with their audio, oldest first. */
export function snapshotRecordings(db: Db, studentId: string): { consents: SnapshotConsent[]; recordings: SnapshotRecording[] } {
  const consents = db.prepare(`SELECT given_on AS givenOn, given_by AS givenBy, purpose, registered_at AS registeredAt, revoked_at AS revokedAt
    FROM consents WHERE student_id = ? ORDER BY registered_at, rowid`).all(studentId) as SnapshotConsent[];
  const rows = db.prepare(`SELECT id, dialogue_id AS dialogueId, mime, source, interrupted, created_at AS createdAt, finished_at AS finishedAt,
      duration_ms AS durationMs, byte_count AS byteCount
    FROM recordings WHERE student_id = ? AND byte_count > 0 ORDER BY created_at, rowid`).all(studentId) as (Omit<SnapshotRecording, 'interrupted' | 'audioBase64'> & { interrupted: number })[];
  const recordings = rows.map((row) => ({
    ...row,
    interrupted: row.interrupted === 1,
    audioBase64: Buffer.from(readRecording(db, row.id).bytes).toString('base64'),
  }));
  return { consents, recordings };
}

/**
 * Writes a snapshot's consents and recordings for the imported student, inside the import's
 * transaction. `dialogueId` maps the file's dialogue ids to the ones written here. Recordings
 * always get new ids, so a file cannot claim one. A file with recordings but no active consent,
 * more than one active consent, a recording of a dialogue it does not carry, or audio whose
 * length differs from what it says, is damaged (HANDOVER_DAMAGED), and the transaction undoes it all.
 */
export function importRecordings(
  db: Db, snapshot: { consents?: SnapshotConsent[]; recordings?: SnapshotRecording[]; dialogues: { id: string }[] },
  studentId: string, dialogueId: (old: string) => string,
): { consents: number; recordings: number } {
  const consents = snapshot.consents ?? [];
  const recordings = snapshot.recordings ?? [];
  const active = consents.filter((consent) => consent.revokedAt === null);
  if (active.length > 1 || (recordings.length > 0 && active.length === 0)) throw new AppError('HANDOVER_DAMAGED');
  const dialogues = new Set(snapshot.dialogues.map((dialogue) => dialogue.id));
  const insertConsent = db.prepare(`INSERT INTO consents (id, student_id, given_on, given_by, purpose, registered_at, revoked_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  for (const c of consents) insertConsent.run(randomUUID(), studentId, c.givenOn, c.givenBy, c.purpose, c.registeredAt, c.revokedAt);
  const insertRecording = db.prepare(`INSERT INTO recordings (id, dialogue_id, student_id, mime, source, status, interrupted, created_at,
      finished_at, duration_ms, byte_count, chunk_count)
    VALUES (?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?, ?, 1)`);
  for (const r of recordings) {
    if (!dialogues.has(r.dialogueId)) throw new AppError('HANDOVER_DAMAGED');
    const bytes = Buffer.from(r.audioBase64, 'base64');
    if (bytes.length !== r.byteCount) throw new AppError('HANDOVER_DAMAGED');
    const id = randomUUID();
    insertRecording.run(id, dialogueId(r.dialogueId), studentId, r.mime, r.source, r.interrupted ? 1 : 0, r.createdAt, r.finishedAt, r.durationMs, r.byteCount);
    writeWhole(db, id, bytes);
  }
  return { consents: consents.length, recordings: recordings.length };
}
