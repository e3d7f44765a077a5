import { join } from 'node:path';
import type { SaveTarget } from '../core/export/saveTarget';

// Structural stand-ins for Electron's dialog and app, so this is unit-tested with fakes and
// never imports `electron`.
export interface SaveDialogOptionsLike {
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent')[];
}

export interface SaveDialogLike<W> {
  showSaveDialog(window: W, options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }>;
  showSaveDialog(options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface AppPathsLike {
  getPath(name: 'documents' | 'home'): string;
}

export const WORD_FILTER = { name: 'Word (.docx)', extensions: ['docx'] };

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

/**
 * The app's SaveTarget: the OS save dialog, modal to the window the mentor is working in,
 * starting in Documents with the suggested name and a Word filter.
 */
export function createSaveDialogTarget<W>(dialog: SaveDialogLike<W>, app: AppPathsLike, parentWindow: () => W | null): SaveTarget {
  return {
    async choose(suggestedFileName) {
      const folder = documentsFolder(app);
      const options: SaveDialogOptionsLike = {
        defaultPath: folder ? join(folder, suggestedFileName) : suggestedFileName,
        filters: [WORD_FILTER],
        // Linux asks before overwriting only when told to; Windows keeps exports of student
        // documents out of the recent-files list.
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      };
      const window = parentWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
