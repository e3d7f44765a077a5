import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
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
