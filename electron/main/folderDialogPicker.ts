import type { FolderPicker } from '../core/backup/folderPicker';

// A structural stand-in for Electron's dialog, so this never imports `electron`.
export interface OpenDialogOptionsLike {
  title?: string;
  properties: ('openDirectory' | 'createDirectory')[];
}

export interface OpenDialogLike<W> {
  showOpenDialog(window: W, options: OpenDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** The app's FolderPicker: the OS folder dialog, modal to the window the mentor works in. */
export function createFolderDialogPicker<W>(dialog: OpenDialogLike<W>, parentWindow: () => W | null): FolderPicker {
  return {
    async chooseFolder() {
      const options: OpenDialogOptionsLike = { properties: ['openDirectory', 'createDirectory'] };
      const window = parentWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || !result.filePaths[0] ? null : result.filePaths[0];
    },
  };
}
