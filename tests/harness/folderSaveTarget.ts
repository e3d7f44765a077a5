import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderPicker } from '../../electron/core/backup/folderPicker';
import type { SaveTarget } from '../../electron/core/export/saveTarget';

/** The harness's stand-in for the save dialog: every export goes into one folder, under its suggested name. */
export function folderSaveTarget(dir: string): SaveTarget {
  return {
    async choose(suggestedFileName) {
      await mkdir(dir, { recursive: true });
      return join(dir, suggestedFileName);
    },
  };
}

/** The harness's stand-in for the folder dialog: always the given folder, made if needed. */
export function fixedFolderPicker(dir: string): FolderPicker {
  return {
    async chooseFolder() {
      await mkdir(dir, { recursive: true });
      return dir;
    },
  };
}
