import { AppError } from '../../../shared/errors';
import type { Db } from '../db/connection';
import { recordAudit } from '../repositories/auditRepository';
import { deleteStudentSearchRows, optimizeSearchIndex } from '../search/searchIndex';
import { markScrubPending, runErasureScrub } from './scrubPending';

/** How the mentor's typed confirmation is compared with the stored name: trimmed, NFC, case-sensitive. */
export function normaliseConfirmation(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * Rows about a student outside the tables that cascade from `students`: the search index (an
 * FTS table has no foreign keys). Deleted inside the erasure transaction; the deletes leave
 * markers in the index (migration 0006), and 'optimize' rewrites all segments into one without
 * the deleted entries, so that no segment keeps the terms, before VACUUM drops the freed pages.
 */
export function eraseSearchIndexRows(db: Db, studentId: string): void {
  deleteStudentSearchRows(db, studentId);
  optimizeSearchIndex(db);
}

/**
 * The erasure's own transaction, on the host connection: the student goes (placements,
 * dialogues, their participants, annotations, amendments and agreements by ON DELETE CASCADE;
 * `secure_delete` zeroes the freed cells), with their search rows, onto the erased list, into
 * the audit log (only that an erasure happened), and the scrub is marked pending in the same
 * commit. What is left of the student after it (free cells in old WAL frames, the search
 * index's old segments, free pages) goes in `runErasureScrub`, which clears the mark: a host
 * killed before that finds the mark at the next unlock and scrubs then (ErasureScrubber).
 */
export function commitErasure(db: Db, studentId: string, confirmName: string, now: () => number): void {
  const row = db.prepare('SELECT display_name FROM students WHERE id = ?').get(studentId) as { display_name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  if (normaliseConfirmation(confirmName) !== normaliseConfirmation(row.display_name)) throw new AppError('CONFIRMATION_MISMATCH');

  db.transaction(() => {
    deleteStudentSearchRows(db, studentId);
    const deleted = db.prepare('DELETE FROM students WHERE id = ?').run(studentId).changes;
    if (deleted !== 1) throw new AppError('NOT_FOUND');
    recordErased(db, [{ studentId, erasedAt: new Date(now()).toISOString() }]);
    recordAudit(db, 'student.erased', {}, now);
    markScrubPending(db);
  }).immediate();
}

/**
 * Deletes a student and everything about them so that no trace stays in the database file, all
 * on this connection and thread: `commitErasure`, then the scrub (search index optimized, WAL
 * checkpointed and truncated, VACUUM, checkpoint again). The handlers run the scrub in a job
 * instead (ErasureScrubber); this stays for hand-made contexts and tests.
 */
export function eraseStudent(db: Db, studentId: string, confirmName: string, now: () => number): void {
  commitErasure(db, studentId, confirmName, now);
  runErasureScrub(db);
}

/** One entry of the vault's list of erased students: an id and when, never a name. */
export interface ErasedStudent { studentId: string; erasedAt: string }

/**
 * A consent the mentor revoked (issue 17): revoking deletes the student's recordings, so a copy
 * made before it — a backup, a set-aside vault — still holds that consent unrevoked and the
 * audio with it. The revoked rows stay in `consents` as the record (migration 0009).
 */
export interface RevokedConsent { consentId: string; studentId: string; revokedAt: string }

/**
 * What a restored copy must not bring back: the students erased since, and the consents revoked
 * since (with their recordings). Read from the vault that was open, applied to the copy.
 */
export interface Removals { erased: ErasedStudent[]; revokedConsents: RevokedConsent[] }

export const NO_REMOVALS: Removals = { erased: [], revokedConsents: [] };

function hasConsents(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'consents'").get() !== undefined;
}

export function removalsIn(db: Db): Removals {
  return {
    erased: erasedStudents(db),
    // A vault from before migration 0009 (read read-only, not migrated) has no consents at all.
    revokedConsents: !hasConsents(db) ? [] : db.prepare(`SELECT id AS consentId, student_id AS studentId, revoked_at AS revokedAt
      FROM consents WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id`).all() as RevokedConsent[],
  };
}

/**
 * After a restore, before the vault is shown: erased students erased again (`eraseAgain`), then
 * every consent revoked since the copy was made revoked again in it, and the recordings of that
 * student made before the revocation deleted (as `consent:revoke` does). Returns the number of
 * students erased again, as the restore summary reports it.
 */
export function applyRemovalsAgain(db: Db, removals: Removals, now: () => number): number {
  const reErased = eraseAgain(db, removals.erased, now);
  if (removals.revokedConsents.length === 0 || !hasConsents(db)) return reErased;
  let recordings = 0;
  let consents = 0;
  db.transaction(() => {
    const revoke = db.prepare('UPDATE consents SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    const dropRecordings = db.prepare('DELETE FROM recordings WHERE student_id = ? AND created_at <= ?');
    for (const entry of removals.revokedConsents) {
      if (revoke.run(entry.revokedAt, entry.consentId).changes === 0) continue;
      consents++;
      recordings += dropRecordings.run(entry.studentId, entry.revokedAt).changes;
    }
    if (consents > 0) recordAudit(db, 'consent.revoked', { again: consents, recordings }, now);
  }).immediate();
  if (recordings > 0) scrubFreedPages(db);
  return reErased;
}

/** The vault's list of erased students (migration 0007), oldest first. */
export function erasedStudents(db: Db): ErasedStudent[] {
  return db.prepare('SELECT student_id AS studentId, erased_at AS erasedAt FROM erased_students ORDER BY erased_at, student_id')
    .all() as ErasedStudent[];
}

/** Adds entries to the list; an id already on it keeps its first date. */
function recordErased(db: Db, entries: readonly ErasedStudent[]): void {
  const insert = db.prepare('INSERT INTO erased_students (student_id, erased_at) VALUES (?, ?) ON CONFLICT (student_id) DO NOTHING');
  for (const entry of entries) insert.run(entry.studentId, entry.erasedAt);
}

/**
 * After a restore, before the vault is shown: a backup or set-aside copy made before an erasure
 * still holds the student, so every id on `erased` (the list of the vault that was open) is
 * erased again in the restored database, the same way `eraseStudent` does (rows by cascade,
 * search rows, optimize, VACUUM), and the two lists are merged so that the next restore knows
 * them too. No confirmation name: the mentor confirmed when erasing. Returns how many students
 * were erased again (0 when the copy held none of them; then no scrub is needed either).
 */
export function eraseAgain(db: Db, erased: readonly ErasedStudent[], now: () => number): number {
  let count = 0;
  db.transaction(() => {
    recordErased(db, erased);
    // The restored copy's own list too: an id it erased can only be absent, but checking costs nothing.
    const present = db.prepare('SELECT s.id FROM students s JOIN erased_students e ON e.student_id = s.id').pluck().all() as string[];
    for (const studentId of present) {
      deleteStudentSearchRows(db, studentId);
      count += db.prepare('DELETE FROM students WHERE id = ?').run(studentId).changes;
    }
    if (count > 0) {
      optimizeSearchIndex(db);
      recordAudit(db, 'student.erased', { again: count }, now);
    }
  }).immediate();
  if (count > 0) scrubFreedPages(db);
  return count;
}

/**
 * Moves everything out of the WAL, rebuilds the file without free pages, and empties the WAL
 * again. The transient copy VACUUM makes is kept in memory, not in a temp file on disk.
 */
export function scrubFreedPages(db: Db): void {
  checkpointTruncate(db);
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = MEMORY');
  try {
    db.exec('VACUUM');
  } finally {
    db.pragma(`temp_store = ${tempStore}`);
  }
  checkpointTruncate(db);
}

export function checkpointTruncate(db: Db): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  // busy = 1: another connection kept the checkpoint from finishing; the WAL may still hold pages.
  if (result && result.busy !== 0) throw new AppError('INTERNAL');
}
