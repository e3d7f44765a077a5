import type { Db } from '../db/connection';
import { optimizeSearchIndex } from '../search/searchIndex';

/**
 * Issue 12: the scrub after an erasure (FTS optimize, checkpoint, VACUUM, checkpoint) is meant to
 * run in a job on its own connection, after the deletion has committed on the host. Between the
 * two the student's bytes are still in free cells of old WAL frames and segments, so the deletion
 * sets this settings row in its own transaction and the scrub clears it only after the vacuumed
 * file is checkpointed: a host killed in between leaves the row, and the next unlock scrubs again.
 */
export const SCRUB_PENDING_KEY = 'erasure.scrubPending';

export function markScrubPending(db: Db): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(SCRUB_PENDING_KEY, 'true');
}

export function isScrubPending(db: Db): boolean {
  return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(SCRUB_PENDING_KEY) !== undefined;
}

export type ScrubStage = 'optimized' | 'vacuumed' | 'done';

/** The wait for host readers before a TRUNCATE checkpoint gives up (a backup's long read may hold it). */
const CHECKPOINT_ATTEMPTS = 12;

function checkpointTruncateRetrying(db: Db): void {
  for (let attempt = 1; ; attempt++) {
    // busy_timeout (5 s, set by the opener) already waits inside each attempt.
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (!result || result.busy === 0) return;
    if (attempt >= CHECKPOINT_ATTEMPTS) throw Object.assign(new Error('checkpoint busy'), { code: 'SQLITE_BUSY' });
  }
}

/**
 * The scrub as a job runs it, on a connection of its own: optimize rewrites the search index
 * without the deleted terms, VACUUM rebuilds the file without free pages (temp_store MEMORY is
 * set by the opener, so its copy never touches a temp file), the checkpoint moves the new image
 * into vault.db and truncates the WAL; only then is the pending row removed (and that small
 * write checkpointed too). Idempotent: a second run on a clean vault only costs time.
 */
export function runErasureScrub(db: Db, onStage?: (stage: ScrubStage) => void): void {
  optimizeSearchIndex(db);
  onStage?.('optimized');
  checkpointTruncateRetrying(db);
  db.pragma('temp_store = MEMORY');
  db.exec('VACUUM');
  checkpointTruncateRetrying(db);
  onStage?.('vacuumed');
  db.prepare('DELETE FROM settings WHERE key = ?').run(SCRUB_PENDING_KEY);
  checkpointTruncateRetrying(db);
  onStage?.('done');
}
