import { eraseStudent } from '../erasure/erasure';
import type { HandlerGroup } from './context';

export const erasureHandlers: HandlerGroup<'erasure'> = {
  'erasure:erase': async ({ studentId, confirmName }, ctx) => {
    eraseStudent(ctx.services().db, studentId, confirmName, ctx.now);
    // Every copy the app knows still holds the student: the set-aside vault copies, and the
    // backups in the folder (replaced by one fresh backup). Never fails the erasure itself.
    if (!ctx.backups) return { ok: true, backup: null, backupError: 'BACKUP_FOLDER_UNSET', removedBackups: 0, removedSetAside: 0 };
    return { ok: true, ...(await ctx.backups.afterErasure()) };
  },
};
