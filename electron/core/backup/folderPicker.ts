import { AppError } from '../../../shared/errors';

/** Asks the mentor for a backup folder: a folder dialog in the app, a fixed folder in the harness. */
export interface FolderPicker {
  /** An absolute folder path, or null when the mentor cancelled. */
  chooseFolder(): Promise<string | null>;
}

/** What a Backend gets when nobody gave it a way to ask. */
export const missingFolderPicker: FolderPicker = {
  chooseFolder: async () => {
    throw new AppError('BACKUP_FOLDER_UNSET');
  },
};
