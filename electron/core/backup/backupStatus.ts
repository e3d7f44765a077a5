import type { BackupStatus } from '../../../shared/safetySchemas';
import type { BackupSettings } from '../../../shared/safetySchemas';
import { isFolder } from './isFolder';

/** After this many days without a verified backup the sidebar nudges (a school week and a weekend). */
export const STALE_AFTER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;


/**
 * What the mentor should know about backups without opening settings: when the last verified
 * one was made, and whether something stands in the way of the next (no folder chosen while
 * automatic backups are on, the folder gone — a USB stick pulled — or the last one too old).
 */
export async function backupStatus(settings: BackupSettings, now: number): Promise<BackupStatus> {
  const lastMs = settings.lastBackupAt ? Date.parse(settings.lastBackupAt) : null;
  const ageDays = lastMs === null ? null : Math.max(0, Math.floor((now - lastMs) / DAY_MS));
  const base = { lastBackupAt: settings.lastBackupAt, ageDays };
  if (!settings.folder) return { ...base, state: settings.automatic ? 'noFolder' : 'off' };
  if (!(await isFolder(settings.folder))) return { ...base, state: 'folderMissing' };
  if (ageDays === null) return { ...base, state: 'never' };
  if (ageDays > STALE_AFTER_DAYS) return { ...base, state: 'stale' };
  return { ...base, state: 'ok' };
}
