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

export const REFI_FILTER = { name: 'REFI-QDA (.qdpx, .qdc)', extensions: ['qdpx', 'qdc', 'qde'] };
export const PACK_FILTER = { name: 'Loopbaandialoog sjablonen en codeboek (.lbdpack)', extensions: ['lbdpack'] };
export const CLASS_LIST_FILTER = { name: 'Klassenlijst (.csv, .xlsx)', extensions: ['csv', 'xlsx', 'txt'] };

export const SPEECH_MODEL_FILTER = { name: 'Whisper-model (ggml .bin)', extensions: ['bin'] };
export const SPEAKER_MODEL_FILTER = { name: 'Sprekermodel (ONNX)', extensions: ['onnx'] };
export const AUDIO_FILTER = { name: 'Geluid (WAV, MP3, M4A, Ogg, Opus, WebM)', extensions: ['wav', 'mp3', 'm4a', 'aac', 'mp4', 'ogg', 'oga', 'opus', 'webm'] };

const FILTERS: Record<OpenFileKind, OpenFileDialogOptionsLike['filters']> = {
  backup: [BACKUP_FILTER], qdpx: [REFI_FILTER], lbdpack: [PACK_FILTER], classList: [CLASS_LIST_FILTER],
  speechModel: [SPEECH_MODEL_FILTER], speakerModel: [SPEAKER_MODEL_FILTER], audio: [AUDIO_FILTER],
};

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
