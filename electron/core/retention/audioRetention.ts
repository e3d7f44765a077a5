import type { Db } from '../db/connection';
import { recordAudit } from '../repositories/auditRepository';
import { checkpointAfterDelete } from '../repositories/recordingRepository';
import { SettingsRepository } from '../repositories/settingsRepository';

const DAY_MS = 24 * 3600_000;

/**
 * Data minimisation for audio (issue 17): a recording goes `audioRetentionDays` days after its
 * dialogue was made final (the transcript is then what is kept); 0 keeps audio. Computed from
 * the dialogue's `finalised_at` and the setting at the time of the run, so a changed setting
 * applies to every recording. Runs at unlock and once a day while the vault stays open (the
 * backend's daily retention run). Returns how many recordings were deleted.
 */
export function deleteExpiredAudio(db: Db, nowMs: number): number {
  const days = new SettingsRepository(db).get().audioRetentionDays;
  if (days <= 0) return 0;
  const cutoff = new Date(nowMs - days * DAY_MS).toISOString();
  const deleted = db.transaction(() => {
    const count = db.prepare(`DELETE FROM recordings WHERE dialogue_id IN
      (SELECT id FROM dialogues WHERE status = 'final' AND finalised_at IS NOT NULL AND finalised_at <= ?)`).run(cutoff).changes;
    if (count > 0) recordAudit(db, 'recording.expired', { count, days }, () => nowMs);
    return count;
  }).immediate();
  if (deleted > 0) checkpointAfterDelete(db);
  return deleted;
}
