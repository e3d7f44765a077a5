import type { PolicyLockable } from '../../../shared/policySchemas';
import { KEYS as BACKUP_KEYS } from '../backup/backupSettings';
import type { Db } from '../db/connection';
import { LOGO_SETTINGS_KEY } from '../export/logo';
import { logEvent } from '../log';
import { RETENTION_SETTING } from '../retention/retention';
import type { LoadedPolicy } from './loadPolicy';

/**
 * The policy into an unlocked vault, at every unlock (docs/adr/0012-school-policy-file.md):
 * a locked value is written over whatever the mentor had; an unlocked one only where the vault
 * has no value yet, so it is the default and stays the mentor's to change. Every reader of a
 * setting (exports, retention, backups, the idle lock) then sees the school's value without
 * knowing about policies, and the handlers refuse to change a locked one (policyGuard.ts).
 */

/** The settings row each policy key lands in, and its value there as JSON. */
function rows(policy: LoadedPolicy): [PolicyLockable, string, unknown][] {
  const { values, logo } = policy;
  const entries: [PolicyLockable, string, unknown][] = [
    ['schoolName', 'schoolName', values.schoolName],
    ['autoLockMinutes', 'autoLockMinutes', values.autoLockMinutes],
    ['hideWhileSharing', 'hideWhileSharing', values.hideWhileSharing],
    ['audioRetentionDays', 'audioRetentionDays', values.audioRetentionDays],
    ['language', 'language', values.language],
    ['retentionYears', RETENTION_SETTING, values.retentionYears],
    ['backupFolder', BACKUP_KEYS.folder, values.backupFolder],
    ['backupSchedule', BACKUP_KEYS.automatic, values.backupSchedule === undefined ? undefined : values.backupSchedule === 'daily'],
    ['backupKeepDays', BACKUP_KEYS.keep, values.backupKeepDays],
    ['logo', LOGO_SETTINGS_KEY, logo ?? undefined],
  ];
  return entries.filter(([, , value]) => value !== undefined);
}

/** Writes the policy's values into the vault's settings table; returns how many rows changed. */
export function applyPolicy(db: Db, policy: LoadedPolicy): number {
  if (policy.status !== 'applied') return 0;
  const read = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const changed = db.transaction(() => {
    let count = 0;
    for (const [key, row, value] of rows(policy)) {
      const stored = read.get(row) as string | undefined;
      const json = JSON.stringify(value);
      if (policy.locked.has(key) ? stored !== json : stored === undefined) {
        write.run(row, json);
        count += 1;
      }
    }
    return count;
  })();
  if (changed > 0) logEvent('policy.written', { rows: changed });
  return changed;
}
