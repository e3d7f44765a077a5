import { backupStatus } from '../backup/backupStatus';
import { readBackupSettings } from '../backup/backupSettings';
import type { HandlerGroup } from './context';

/** Small read-only summaries the shell shows on every screen. */
export const statusHandlers: HandlerGroup<'status'> = {
  'status:backup': (_request, ctx) => backupStatus(readBackupSettings(ctx.services().db), ctx.now()),
};
