import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { logEvent } from '../core/log';

/**
 * What the save dialog remembers between exports: the folder the mentor last saved in, and
 * whether the one-time note about synced folders was shown. Never a file name: export names
 * carry the student's name, a folder is the mentor's own choice of place.
 */
export interface ExportFolderMemory {
  /** The last folder an export went to, if it still is a folder; otherwise null. */
  lastFolder(): string | null;
  remember(folder: string): void;
  syncNoteShown(): boolean;
  markSyncNoteShown(): void;
}

/** File name in Electron's userData folder (beside, not inside, the vault folder). */
export const EXPORT_FOLDER_FILE = 'export-folder.json';
/** Longer than any real path; a longer value in the file is damage and is ignored. */
const MAX_FOLDER_LENGTH = 4096;

interface Stored {
  folder: string | null;
  syncNoteShown: boolean;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function parse(text: string): Stored {
  const value: unknown = JSON.parse(text);
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const folder = record.folder;
  return {
    folder: typeof folder === 'string' && folder.length <= MAX_FOLDER_LENGTH && isAbsolute(folder) && !folder.includes('\0') ? folder : null,
    syncNoteShown: record.syncNoteShown === true,
  };
}

/**
 * The memory, kept in a small plain JSON file: it holds no student data (a folder path and a
 * flag), so it needs no vault and is there before the first unlock. A missing or damaged file
 * counts as "nothing remembered"; a failed write is logged and the value kept for this run.
 */
export function createExportFolderMemory(file: string): ExportFolderMemory {
  let state: Stored | null = null;
  const load = (): Stored => {
    if (state) return state;
    try {
      state = parse(readFileSync(file, 'utf8'));
    } catch {
      state = { folder: null, syncNoteShown: false };
    }
    return state;
  };
  const save = (next: Stored): void => {
    state = next;
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Whole file or old file: a crash mid-write must not leave a half one.
      const temp = `${file}.tmp`;
      writeFileSync(temp, `${JSON.stringify(next)}\n`, { mode: 0o600 });
      renameSync(temp, file);
    } catch (error) {
      logEvent('export_folder.write_failed', { code: String((error as { code?: unknown })?.code ?? '') });
    }
  };
  return {
    lastFolder() {
      const { folder } = load();
      // A USB stick that is out, or a folder since removed: start where a first export would.
      return folder && isFolder(folder) ? folder : null;
    },
    remember(folder) {
      if (!isAbsolute(folder) || folder.length > MAX_FOLDER_LENGTH || load().folder === folder) return;
      save({ ...load(), folder });
    },
    syncNoteShown: () => load().syncNoteShown,
    markSyncNoteShown() {
      if (!load().syncNoteShown) save({ ...load(), syncNoteShown: true });
    },
  };
}
