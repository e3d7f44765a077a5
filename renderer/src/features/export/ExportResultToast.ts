import type { TFunction } from 'i18next';
import type { ExportResult } from '../../../../shared/exportSchemas';

/**
 * Folder names that sync clients give the folders they upload (Windows, macOS CloudStorage and
 * iCloud, Linux): OneDrive, "OneDrive - <school>", OneDrive-Personal, Dropbox, Google Drive,
 * GoogleDrive-<account>, iCloud Drive, Mobile Documents. A heuristic on the path only: a
 * folder synced under another name is not recognised, which is why the save dialog also says
 * it once, for every folder.
 */
const SYNC_FOLDERS: readonly (readonly [service: string, pattern: RegExp])[] = [
  ['OneDrive', /^onedrive(?:$|[ -])/i],
  ['Dropbox', /^dropbox(?:$|[ (-])/i],
  ['Google Drive', /^(?:google ?drive(?:$|-)|my drive$|mijn drive$)/i],
  ['iCloud', /^(?:icloud ?drive|mobile documents)$/i],
];

/** The sync service whose folder holds `location`, or null when none is recognised. */
export function syncServiceOf(location: string): string | null {
  for (const segment of location.split(/[\\/]+/)) {
    for (const [service, pattern] of SYNC_FOLDERS) {
      if (pattern.test(segment)) return service;
    }
  }
  return null;
}

/**
 * The sentence a toast shows after an export: where the file went, or that nothing was saved.
 * A folder that syncs is named as such: the file has then left the computer too.
 */
export function exportMessage(t: TFunction, result: ExportResult): string {
  if (!result.saved || !result.location) return t('exporting.cancelled');
  const saved = t('exporting.saved', { fileName: result.fileName, location: result.location });
  const service = syncServiceOf(result.location);
  return service ? `${saved} ${t('exporting.syncedLocation', { service })}` : saved;
}
