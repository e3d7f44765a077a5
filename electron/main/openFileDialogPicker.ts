import type { OpenFileKind, OpenFilePicker } from '../core/backup/openFilePicker';

// A structural stand-in for Electron's dialog, so this never imports `electron`.
export interface OpenFileDialogOptionsLike {
  title?: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('openFile' | 'dontAddToRecent')[];
}

export interface OpenFileDialogLike<W> {
  showOpenDialog(window: W, options: OpenFileDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenFileDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export const BACKUP_FILTER = { name: 'Loopbaandialoog back-up (.lbdbackup)', extensions: ['lbdbackup'] };

const FILTERS: Record<OpenFileKind, OpenFileDialogOptionsLike['filters']> = { backup: [BACKUP_FILTER] };

/**
 * The app's OpenFilePicker: the OS open dialog for one existing file, modal to the window the
 * mentor works in, showing only files of the asked kind. Not added to the OS's recent files: a
 * backup's name and place are the mentor's business.
 */
export function createOpenFileDialogPicker<W>(dialog: OpenFileDialogLike<W>, parentWindow: () => W | null): OpenFilePicker {
  return {
    async choose(kind) {
      // The kind arrives by message from the backend host: one this side does not know opens nothing.
      if (!Object.hasOwn(FILTERS, kind)) return null;
      const options: OpenFileDialogOptionsLike = { filters: FILTERS[kind], properties: ['openFile', 'dontAddToRecent'] };
      const window = parentWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || !result.filePaths[0] ? null : result.filePaths[0];
    },
  };
}
