import { AppError } from '../../../shared/errors';
import type { HandlerGroup } from './context';

/**
 * `files:open` / `files:show` are answered by the Electron main process (and the harness in its
 * place), which keeps the tokens of what its save dialog exported (electron/main/exportedFiles.ts).
 * The core holds no tokens and never opens files for the renderer: a request that reaches it
 * anyway is refused like a token that was never issued.
 */
export const fileHandlers: HandlerGroup<'files'> = {
  'files:open': () => {
    throw new AppError('FILE_NOT_EXPORTED');
  },
  'files:show': () => {
    throw new AppError('FILE_NOT_EXPORTED');
  },
};
