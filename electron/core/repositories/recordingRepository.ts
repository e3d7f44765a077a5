import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import {
  type Consent, type ConsentFields, type ConsentGiver, MAX_CHUNK_BYTES, MAX_RECORDING_BYTES, type Recording,
} from '../../../shared/recordingSchemas';
import type { Db } from '../db/connection';

/**
 * SQL for consent and audio (migration 0009). Plain functions over a connection, so that other
 * parts of the core (the audio import, the transcription job's reader) can call them inside
 * their own transactions. None of them records audit events; the handlers do (transact()).
 */

/**
 * Bytes per stored segment. The recorder sends about 4 KB a second; one row per chunk would
 * leave a partly filled 4 KB page behind every chunk (about half a page each: ~50 % overhead).
 * Chunks are appended to the last segment until it holds this much, so that the partly filled
 * page is under 1 % of a segment, and an append rewrites at most this much.
 */
export const SEGMENT_BYTES = 256 * 1024;

interface ConsentRow { id: string; student_id: string; given_on: string; given_by: ConsentGiver; purpose: string; registered_at: string }

const toConsent = (row: ConsentRow): Consent => ({
  id: row.id, studentId: row.student_id, givenOn: row.given_on, givenBy: row.given_by, purpose: row.purpose, registeredAt: row.registered_at,
});

interface RecordingRow {
  id: string; dialogue_id: string; student_id: string; mime: string; source: Recording['source']; status: Recording['status'];
  interrupted: number; created_at: string; finished_at: string | null; duration_ms: number; byte_count: number; chunk_count: number;
}

const toRecording = (row: RecordingRow): Recording => ({
  id: row.id,
  dialogueId: row.dialogue_id,
  studentId: row.student_id,
  mime: row.mime,
  source: row.source,
  status: row.status,
  interrupted: row.interrupted === 1,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
  durationMs: row.duration_ms,
  byteCount: row.byte_count,
});

/** The student's current (unrevoked) consent, or null. */
export function activeConsent(db: Db, studentId: string): Consent | null {
  const row = db.prepare('SELECT * FROM consents WHERE student_id = ? AND revoked_at IS NULL').get(studentId) as ConsentRow | undefined;
  return row ? toConsent(row) : null;
}

/** NOT_FOUND for a student that is not there; CONFLICT when a consent is already registered. */
export function registerConsent(db: Db, fields: ConsentFields, nowIso: string): Consent {
  if (db.prepare('SELECT 1 FROM students WHERE id = ?').get(fields.studentId) === undefined) throw new AppError('NOT_FOUND');
  if (activeConsent(db, fields.studentId)) throw new AppError('CONFLICT');
  const id = randomUUID();
  db.prepare(`INSERT INTO consents (id, student_id, given_on, given_by, purpose, registered_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(id, fields.studentId, fields.givenOn, fields.givenBy, fields.purpose, nowIso);
  return activeConsent(db, fields.studentId)!;
}

/**
 * Revokes the student's consent and deletes every recording of the student (chunks cascade;
 * secure_delete zeroes the freed cells). Returns how many recordings were deleted.
 * NOT_FOUND when there is no active consent.
 */
export function revokeConsent(db: Db, studentId: string, nowIso: string): number {
  const revoked = db.prepare('UPDATE consents SET revoked_at = ? WHERE student_id = ? AND revoked_at IS NULL').run(nowIso, studentId).changes;
  if (revoked === 0) throw new AppError('NOT_FOUND');
  return db.prepare('DELETE FROM recordings WHERE student_id = ?').run(studentId).changes;
}

function dialogueStudent(db: Db, dialogueId: string): string {
  const studentId = db.prepare('SELECT student_id FROM dialogues WHERE id = ?').pluck().get(dialogueId) as string | undefined;
  if (!studentId) throw new AppError('NOT_FOUND');
  return studentId;
}

function requireConsent(db: Db, studentId: string): void {
  if (!activeConsent(db, studentId)) throw new AppError('CONSENT_REQUIRED');
}

export function getRecording(db: Db, recordingId: string): Recording {
  const row = db.prepare('SELECT * FROM recordings WHERE id = ?').get(recordingId) as RecordingRow | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return toRecording(row);
}

/** A new, empty recording of a dialogue. CONSENT_REQUIRED when its student has no consent. */
export function startRecording(db: Db, input: { dialogueId: string; mime: string; source?: Recording['source'] }, nowIso: string): Recording {
  const studentId = dialogueStudent(db, input.dialogueId);
  requireConsent(db, studentId);
  const id = randomUUID();
  db.prepare(`INSERT INTO recordings (id, dialogue_id, student_id, mime, source, status, created_at) VALUES (?, ?, ?, ?, ?, 'recording', ?)`)
    .run(id, input.dialogueId, studentId, input.mime, input.source ?? 'recorded', nowIso);
  return getRecording(db, id);
}

/** Adds bytes at the end of a recording's stored data: onto the last segment, or as a new one. */
function appendBytes(db: Db, recordingId: string, bytes: Uint8Array): void {
  const last = db.prepare('SELECT segment, bytes FROM recording_chunks WHERE recording_id = ? ORDER BY segment DESC LIMIT 1')
    .get(recordingId) as { segment: number; bytes: Buffer } | undefined;
  if (last && last.bytes.length + bytes.byteLength <= SEGMENT_BYTES) {
    // Delete, then insert: the freed pages go to the free list first and the new row takes them
    // back. An UPDATE writes the new row before it frees the old one, which leaves a segment's
    // worth of free pages in the file after the last chunk (10 % of a ten-minute recording).
    db.prepare('DELETE FROM recording_chunks WHERE recording_id = ? AND segment = ?').run(recordingId, last.segment);
    db.prepare('INSERT INTO recording_chunks (recording_id, segment, bytes) VALUES (?, ?, ?)')
      .run(recordingId, last.segment, Buffer.concat([last.bytes, bytes]));
  } else {
    db.prepare('INSERT INTO recording_chunks (recording_id, segment, bytes) VALUES (?, ?, ?)')
      .run(recordingId, last ? last.segment + 1 : 0, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
}

export interface AppendedChunk { seq: number; byteCount: number }

/**
 * Stores chunk `seq` of a recording that is still recording, in its own transaction: once this
 * returns, the chunk is on disk (WAL, synchronous = FULL). Chunks come in order: `seq` must be
 * the next one. The previous one again (an answer lost on the way) is accepted and not stored
 * twice; a gap is RECORDING_CHUNK_OUT_OF_ORDER. A finished recording takes no more chunks
 * (RECORDING_NOT_OPEN), and none grows past MAX_RECORDING_BYTES (RECORDING_TOO_LARGE).
 */
export function appendChunk(db: Db, input: { recordingId: string; seq: number; bytes: Uint8Array; elapsedMs?: number | undefined }): AppendedChunk {
  if (input.bytes.byteLength === 0 || input.bytes.byteLength > MAX_CHUNK_BYTES) throw new AppError('VALIDATION', { field: 'bytes' });
  return db.transaction((): AppendedChunk => {
    const row = db.prepare('SELECT status, chunk_count, byte_count FROM recordings WHERE id = ?')
      .get(input.recordingId) as { status: string; chunk_count: number; byte_count: number } | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'recording') throw new AppError('RECORDING_NOT_OPEN');
    if (input.seq === row.chunk_count - 1) return { seq: input.seq, byteCount: row.byte_count };
    if (input.seq !== row.chunk_count) throw new AppError('RECORDING_CHUNK_OUT_OF_ORDER', { expected: row.chunk_count });
    if (row.byte_count + input.bytes.byteLength > MAX_RECORDING_BYTES) throw new AppError('RECORDING_TOO_LARGE');
    appendBytes(db, input.recordingId, input.bytes);
    const byteCount = row.byte_count + input.bytes.byteLength;
    db.prepare('UPDATE recordings SET chunk_count = ?, byte_count = ?, duration_ms = max(duration_ms, ?) WHERE id = ?')
      .run(input.seq + 1, byteCount, input.elapsedMs ?? 0, input.recordingId);
    return { seq: input.seq, byteCount };
  }).immediate();
}

/** Marks a recording complete with its length. Finishing one that is already complete changes nothing. */
export function finishRecording(db: Db, recordingId: string, durationMs: number, nowIso: string): Recording {
  const recording = getRecording(db, recordingId);
  if (recording.status === 'complete') return recording;
  db.prepare(`UPDATE recordings SET status = 'complete', finished_at = ?, duration_ms = max(duration_ms, ?) WHERE id = ?`)
    .run(nowIso, durationMs, recordingId);
  return getRecording(db, recordingId);
}

/**
 * Recordings still 'recording' when a vault opens were cut off by a crash or power loss (the
 * recorder lives in the window, which is gone by then): they become complete, marked
 * interrupted, with every acknowledged chunk. Returns how many.
 */
export function closeInterruptedRecordings(db: Db, nowIso: string): number {
  return db.prepare(`UPDATE recordings SET status = 'complete', interrupted = 1, finished_at = ? WHERE status = 'recording'`).run(nowIso).changes;
}

/** A dialogue's recordings, oldest first. */
export function listRecordings(db: Db, dialogueId: string): Recording[] {
  dialogueStudent(db, dialogueId);
  return (db.prepare('SELECT * FROM recordings WHERE dialogue_id = ? ORDER BY created_at, rowid').all(dialogueId) as RecordingRow[]).map(toRecording);
}

/** A student's recordings (for a handover), oldest first. */
export function studentRecordings(db: Db, studentId: string): Recording[] {
  return (db.prepare('SELECT * FROM recordings WHERE student_id = ? ORDER BY created_at, rowid').all(studentId) as RecordingRow[]).map(toRecording);
}

/** The whole encoded audio of a recording, in order (bounded by MAX_RECORDING_BYTES when stored). */
export function readRecording(db: Db, recordingId: string): { mime: string; bytes: Uint8Array<ArrayBuffer> } {
  const recording = getRecording(db, recordingId);
  const segments = db.prepare('SELECT bytes FROM recording_chunks WHERE recording_id = ? ORDER BY segment').pluck().all(recordingId) as Buffer[];
  const bytes = Buffer.concat(segments);
  // What the rows hold must be what the recording says it holds; anything else is damage.
  if (bytes.length !== recording.byteCount || bytes.length > MAX_RECORDING_BYTES) throw new AppError('VAULT_DAMAGED');
  return { mime: recording.mime, bytes: new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength) };
}

/** Deletes one recording and its audio. NOT_FOUND when it is not there. */
export function deleteRecording(db: Db, recordingId: string): Recording {
  const recording = getRecording(db, recordingId);
  db.prepare('DELETE FROM recordings WHERE id = ?').run(recordingId);
  return recording;
}

/**
 * Stores an imported audio file as a complete recording of a dialogue (`source: 'imported'`),
 * for the audio import: one call, inside the caller's transaction if there is one. The bytes
 * must already be checked (type, size) by the caller; the consent rule holds for imports too
 * (CONSENT_REQUIRED), and MAX_RECORDING_BYTES bounds it (RECORDING_TOO_LARGE).
 */
export function storeImportedRecording(
  db: Db, input: { dialogueId: string; mime: string; bytes: Uint8Array; durationMs: number; createdAt?: string }, nowIso: string,
): Recording {
  if (input.bytes.byteLength === 0) throw new AppError('EMPTY_FILE');
  if (input.bytes.byteLength > MAX_RECORDING_BYTES) throw new AppError('RECORDING_TOO_LARGE');
  return db.transaction((): Recording => {
    const recording = startRecording(db, { dialogueId: input.dialogueId, mime: input.mime, source: 'imported' }, input.createdAt ?? nowIso);
    writeWhole(db, recording.id, input.bytes);
    db.prepare(`UPDATE recordings SET status = 'complete', finished_at = ?, duration_ms = ?, byte_count = ?, chunk_count = 1 WHERE id = ?`)
      .run(nowIso, Math.max(0, Math.round(input.durationMs)), input.bytes.byteLength, recording.id);
    return getRecording(db, recording.id);
  })();
}

/** Writes all of a recording's bytes as full segments (an import, a handover). */
export function writeWhole(db: Db, recordingId: string, bytes: Uint8Array): void {
  const insert = db.prepare('INSERT INTO recording_chunks (recording_id, segment, bytes) VALUES (?, ?, ?)');
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 0, segment = 0; offset < buffer.length; offset += SEGMENT_BYTES, segment += 1) {
    insert.run(recordingId, segment, buffer.subarray(offset, offset + SEGMENT_BYTES));
  }
}

/**
 * Moves the WAL into the main file and empties it after audio was deleted, so that the deleted
 * pages do not linger in the WAL. Best effort: a backup reading meanwhile keeps it from finishing,
 * and then the next checkpoint does it.
 */
export function checkpointAfterDelete(db: Db): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    /* the next automatic checkpoint moves the pages */
  }
}
