import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Language } from '../../shared/domain';
import { exporting } from '../../shared/i18n/features/exporting';
import type { SaveTarget } from '../core/export/saveTarget';
import type { ExportFolderMemory } from './exportFolderMemory';

// Structural stand-ins for Electron's dialog and app, so this is unit-tested with fakes and
// never imports `electron`.
export interface SaveDialogOptionsLike {
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent')[];
  title?: string;
  /** Shown above the fields on macOS only; elsewhere the title carries the note. */
  message?: string;
}

export interface MessageBoxOptionsLike {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

export interface SaveDialogLike<W> {
  showSaveDialog(window: W, options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }>;
  showSaveDialog(options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }>;
  showMessageBox(window: W, options: MessageBoxOptionsLike): Promise<{ response: number }>;
  showMessageBox(options: MessageBoxOptionsLike): Promise<{ response: number }>;
}

export interface AppPathsLike {
  getPath(name: 'documents' | 'home'): string;
}

export interface SaveDialogTargetOptions {
  /** The last export folder and the one-time note; without it every export starts in Documents. */
  memory?: ExportFolderMemory;
  /** The app's language, for the note and the replace question (main hears it from the host). */
  language?: () => Language;
  /** Whether a file exists; the real file system unless a test says otherwise. */
  exists?: (path: string) => boolean;
}

export type FileFilter = { name: string; extensions: string[] };

export const WORD_FILTER: FileFilter = { name: 'Word (.docx)', extensions: ['docx'] };

/**
 * One filter per kind of file the app exports, found by the suggested name's extension: a
 * Word filter on an audit CSV would hide the CSVs already in the folder and, on Windows and
 * macOS, append `.docx` to a name typed without one.
 */
const FILTERS: Readonly<Record<string, FileFilter>> = {
  docx: WORD_FILTER,
  csv: { name: 'CSV (.csv)', extensions: ['csv'] },
  xlsx: { name: 'Excel (.xlsx)', extensions: ['xlsx'] },
  qdpx: { name: 'REFI-QDA (.qdpx)', extensions: ['qdpx'] },
  json: { name: 'JSON (.json)', extensions: ['json'] },
  ldho: { name: 'Loopbaandialoog (.ldho)', extensions: ['ldho'] },
};

/** The extension of a suggested name, lower case, without the dot; null for none. */
export function extensionOf(fileName: string): string | null {
  const ext = extname(fileName).slice(1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : null;
}

/** The filter for a suggested name; an extension not listed above still gets one of its own. */
export function filterFor(fileName: string): FileFilter | null {
  const ext = extensionOf(fileName);
  if (!ext) return null;
  return Object.hasOwn(FILTERS, ext) ? FILTERS[ext]! : { name: `.${ext}`, extensions: [ext] };
}

function documentsFolder(app: AppPathsLike): string | null {
  // Electron throws where the OS has no such folder (a bare Linux account); the dialog then
  // opens where it likes with just the suggested name.
  for (const name of ['documents', 'home'] as const) {
    try {
      return app.getPath(name);
    } catch {
      /* try the next */
    }
  }
  return null;
}

const fill = (text: string, fileName: string) => text.replace('{{fileName}}', fileName);

/**
 * The app's SaveTarget: the OS save dialog, modal to the window the mentor is working in, with
 * the suggested name in the folder of the last export (Documents the first time), a filter for
 * the file's type, and a question before anything is replaced:
 * - Windows and macOS always ask in their own dialog; Linux (GTK) only with
 *   `showOverwriteConfirmation`, which is therefore always set, for every kind of export.
 * - A name typed without the extension (Linux adds none) gets it here, as the core would add it
 *   after us. That name is not the one the dialog asked about, so if a file of that name
 *   exists, it is asked again here; "Annuleren" saves nothing.
 * The first export also says, once, that a synced folder (OneDrive) leaves the computer.
 */
export function createSaveDialogTarget<W>(
  dialog: SaveDialogLike<W>,
  app: AppPathsLike,
  parentWindow: () => W | null,
  options: SaveDialogTargetOptions = {},
): SaveTarget {
  const exists = options.exists ?? existsSync;
  const text = () => exporting[options.language?.() ?? 'nl'];
  return {
    async choose(suggestedFileName) {
      const folder = options.memory?.lastFolder() ?? documentsFolder(app);
      const filter = filterFor(suggestedFileName);
      const dialogOptions: SaveDialogOptionsLike = {
        defaultPath: folder ? join(folder, suggestedFileName) : suggestedFileName,
        // Without an extension there is no type to filter on (the core always sends one).
        filters: filter ? [filter] : [],
        // Windows keeps exports of student documents out of the recent-files list.
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      };
      const firstTime = options.memory ? !options.memory.syncNoteShown() : false;
      if (firstTime) {
        dialogOptions.title = text().syncedFolderTitle;
        dialogOptions.message = text().syncedFolderNote;
      }
      const window = parentWindow();
      const result = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
      // Shown is shown, also when the mentor cancelled.
      if (firstTime) options.memory?.markSyncNoteShown();
      if (result.canceled || !result.filePath) return null;

      let path = result.filePath;
      const ext = filter?.extensions[0];
      if (ext && !path.toLowerCase().endsWith(`.${ext}`)) {
        path = `${path}.${ext}`;
        if (exists(path) && !(await confirmReplace(dialog, window, path, text()))) return null;
      }
      options.memory?.remember(dirname(path));
      return path;
    },
  };
}

async function confirmReplace<W>(dialog: SaveDialogLike<W>, window: W | null, path: string, t: (typeof exporting)['nl']): Promise<boolean> {
  const box: MessageBoxOptionsLike = {
    type: 'warning',
    title: t.replaceTitle,
    message: fill(t.replaceMessage, basename(path)),
    detail: t.replaceDetail,
    buttons: [t.replace, t.keep],
    // Enter and Escape both keep the existing file.
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const { response } = window ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box);
  return response === 0;
}
