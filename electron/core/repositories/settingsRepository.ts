import { AUTO_LOCK_MINUTES } from '../../../shared/domain';
import { Settings } from '../../../shared/schemas';
import type { Db } from '../db/connection';

/** Audio goes a month after the transcript is final (data minimisation); the school policy may set it. */
export const DEFAULT_AUDIO_RETENTION_DAYS = 30;

export const DEFAULT_SETTINGS: Settings = { language: 'nl', autoLockMinutes: AUTO_LOCK_MINUTES.default, schoolName: '', hideWhileSharing: false, audioRetentionDays: DEFAULT_AUDIO_RETENTION_DAYS };

/** Settings are key → JSON value rows, so adding a setting needs no migration. */
export class SettingsRepository {
  private readonly read;
  private readonly write;

  constructor(db: Db) {
    this.read = db.prepare('SELECT key, value FROM settings');
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of this.read.all() as { key: string; value: string }[]) {
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        /* a damaged value falls back to its default below */
      }
    }
    const merged = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const candidate = Settings.shape[key].safeParse(stored[key]);
      if (candidate.success) (merged as Record<string, unknown>)[key] = candidate.data;
    }
    return merged;
  }

  update(patch: Partial<Settings>): Settings {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) this.write.run(key, JSON.stringify(value));
    }
    return this.get();
  }
}
