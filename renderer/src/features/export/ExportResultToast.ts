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

/** The last folder of a location ("USB" of E:\Export\USB; "D:" of D:\), or the location itself for "/". */
export function folderName(location: string): string {
  return location.split(/[\\/]+/).filter(Boolean).pop() ?? location;
}

/**
 * The sentence a toast shows after an export: the file and the folder it went into, or that
 * nothing was saved. Only the folder's own name, not its whole path: a path of a school laptop
 * is wider than the toast, and "Toon in map" shows where it is. A folder that syncs is named
 * as such (found on the whole path): the file has then left the computer too.
 */
export function exportMessage(t: TFunction, result: ExportResult): string {
  if (!result.saved || !result.location) return t('exporting.cancelled');
  const saved = t('exporting.saved', { fileName: result.fileName, folder: folderName(result.location) });
  const service = syncServiceOf(result.location);
  return service ? `${saved} ${t('exporting.syncedLocation', { service })}` : saved;
}
