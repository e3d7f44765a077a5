import type { BackupSettings } from '../../../shared/safetySchemas';
import type { Db } from '../db/connection';

export const DEFAULT_KEEP = 14;

/** The settings rows (also set by a school policy, electron/core/policy/applyPolicy.ts). */
export const KEYS = { folder: 'backup.folder', keep: 'backup.keep', automatic: 'backup.automatic', lastBackupAt: 'backup.lastBackupAt' } as const;

/** Backup settings live in the vault's settings table (key → JSON), beside the other settings. */
export function readBackupSettings(db: Db): BackupSettings {
  const rows = db.prepare('SELECT key, value FROM settings WHERE key IN (?, ?, ?, ?)')
    .all(KEYS.folder, KEYS.keep, KEYS.automatic, KEYS.lastBackupAt) as { key: string; value: string }[];
  const stored = new Map<string, unknown>();
  for (const row of rows) {
    try {
      stored.set(row.key, JSON.parse(row.value));
    } catch {
      /* a damaged value falls back to its default */
    }
  }
  const folder = stored.get(KEYS.folder);
  const keep = stored.get(KEYS.keep);
  const automatic = stored.get(KEYS.automatic);
  const last = stored.get(KEYS.lastBackupAt);
  return {
    folder: typeof folder === 'string' && folder.length > 0 ? folder : null,
    keep: typeof keep === 'number' && Number.isInteger(keep) && keep >= 1 && keep <= 365 ? keep : DEFAULT_KEEP,
    automatic: typeof automatic === 'boolean' ? automatic : true,
    lastBackupAt: typeof last === 'string' ? last : null,
  };
}

export function writeBackupSettings(db: Db, patch: Partial<BackupSettings>): BackupSettings {
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [name, value] of Object.entries(patch) as [keyof BackupSettings, unknown][]) {
      if (value !== undefined) write.run(KEYS[name], JSON.stringify(value));
    }
  })();
  return readBackupSettings(db);
}
