import { AppError } from '../../../shared/errors';

/**
 * Where an export goes. In the app a save dialog asks the mentor; the harness and tests pick a
 * folder themselves. The core never decides a location on its own.
 */
export interface SaveTarget {
  /** An absolute path to write to, or null when the mentor cancelled. */
  choose(suggestedFileName: string): Promise<string | null>;
}

/** What a Backend gets when nobody gave it a way to ask: every export fails, nothing is written. */
export const missingSaveTarget: SaveTarget = {
  choose: async () => {
    throw new AppError('EXPORT_TARGET_MISSING');
  },
};
