import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { logEvent } from '../core/log';

/**
 * What the save dialog remembers between exports: the folder the mentor last saved in, and
 * whether the one-time note about synced folders was shown. Never a file name.
 *
 * A folder can be named after a student (`…/Gesprekken/Sanne de Vries`), so the folder is never
 * stored in plain (docs/adr/0015-export-folder-memory.md): it is sealed with the OS keychain
 * (the same safeStorage the device unlock uses) when that offers real protection, and otherwise
 * remembered for this run only. The file then holds the sealed folder and the note flag.
 */
export interface ExportFolderMemory {
  /** The last folder an export went to, if it still is a folder; otherwise null. */
  lastFolder(): string | null;
  remember(folder: string): void;
  syncNoteShown(): boolean;
  markSyncNoteShown(): void;
}

/** What seals the folder: the OS keychain (safeStorageProtector.ts); absent or unavailable means "this run only". */
export interface FolderSealer {
  isAvailable(): boolean;
  encrypt(data: Buffer): Buffer;
  decrypt(data: Buffer): Buffer;
}

/** File name in Electron's userData folder (beside, not inside, the vault folder). */
export const EXPORT_FOLDER_FILE = 'export-folder.json';
/** Longer than any real path; a longer value in the file is damage and is ignored. */
const MAX_FOLDER_LENGTH = 4096;
/** The keychain's ciphertext of a 4096-character path, with room. */
const MAX_SEALED_LENGTH = 32 * 1024;

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

function validFolder(folder: unknown): folder is string {
  return typeof folder === 'string' && folder.length <= MAX_FOLDER_LENGTH && isAbsolute(folder) && !folder.includes('\0');
}

function unseal(sealed: unknown, sealer: FolderSealer | undefined): string | null {
  if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_LENGTH || !sealer?.isAvailable()) return null;
  try {
    const folder = sealer.decrypt(Buffer.from(sealed, 'base64')).toString('utf8');
    return validFolder(folder) ? folder : null;
  } catch {
    return null; // another user's keychain, or damage
  }
}

function parse(text: string, sealer: FolderSealer | undefined): Stored {
  const value: unknown = JSON.parse(text);
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  // A plain `folder` (written before issue 14) is not read: the next save drops it.
  return { folder: unseal(record.sealedFolder, sealer), syncNoteShown: record.syncNoteShown === true };
}

/**
 * The memory, kept in a small JSON file beside the vault folder, so it is there before the
 * first unlock. A missing or damaged file counts as "nothing remembered"; a failed write is
 * logged and the value kept for this run.
 */
export function createExportFolderMemory(file: string, sealer?: FolderSealer): ExportFolderMemory {
  let state: Stored | null = null;
  let plainOnDisk = false;
  const load = (): Stored => {
    if (state) return state;
    try {
      const text = readFileSync(file, 'utf8');
      state = parse(text, sealer);
      plainOnDisk = /"folder"\s*:/.test(text);
    } catch {
      state = { folder: null, syncNoteShown: false };
    }
    return state;
  };
  const sealed = (folder: string | null): string | null => {
    if (folder === null || !sealer?.isAvailable()) return null;
    try {
      return sealer.encrypt(Buffer.from(folder, 'utf8')).toString('base64');
    } catch {
      return null;
    }
  };
  const save = (next: Stored): void => {
    state = next;
    try {
      mkdirSync(dirname(file), { recursive: true });
      const sealedFolder = sealed(next.folder);
      // Whole file or old file: a crash mid-write must not leave a half one.
      const temp = `${file}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ ...(sealedFolder ? { sealedFolder } : {}), syncNoteShown: next.syncNoteShown })}\n`, { mode: 0o600 });
      renameSync(temp, file);
      plainOnDisk = false;
    } catch (error) {
      logEvent('export_folder.write_failed', { code: String((error as { code?: unknown })?.code ?? '') });
    }
  };
  return {
    lastFolder() {
      const current = load();
      // A file from an older version still names a folder in plain: rewrite it without.
      if (plainOnDisk) save(current);
      // A USB stick that is out, or a folder since removed: start where a first export would.
      return current.folder && isFolder(current.folder) ? current.folder : null;
    },
    remember(folder) {
      if (!validFolder(folder) || load().folder === folder) return;
      save({ ...load(), folder });
    },
    syncNoteShown: () => load().syncNoteShown,
    markSyncNoteShown() {
      if (!load().syncNoteShown) save({ ...load(), syncNoteShown: true });
    },
  };
}
