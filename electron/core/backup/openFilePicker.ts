import { AppError } from '../../../shared/errors';

/**
 * What a file is being opened as; the dialog offers matching files (`.lbdbackup` for a backup,
 * `.qdpx`/`.qdc` for a REFI-QDA project or codebook, `.lbdpack` for templates and codebook).
 */
export type OpenFileKind = 'backup' | 'qdpx' | 'lbdpack' | 'classList' | 'speechModel' | 'speakerModel' | 'audio';

/**
 * Asks the mentor for one file to read: an open dialog in the app, a chosen file in the harness.
 * The path comes from this side of the IPC boundary, never from the renderer, like a save target.
 */
export interface OpenFilePicker {
  /** An absolute file path, or null when the mentor cancelled. */
  choose(kind: OpenFileKind): Promise<string | null>;
}

/** What a Backend gets when nobody gave it a way to ask. */
export const missingOpenFilePicker: OpenFilePicker = {
  choose: async () => {
    throw new AppError('BACKUP_FILE_NOT_CHOSEN');
  },
};
