import { commitErasure } from '../erasure/erasure';
import { runErasureScrub } from '../erasure/scrubPending';
import type { HandlerContext, HandlerGroup } from './context';

/**
 * The scrub after `commitErasure`: in the job (off the host's thread) when the context has the
 * backend's scrubber, on this connection otherwise (hand-made test contexts over a plain file).
 * The erasure answers after it, so that the mentor's "erased" means no trace is left.
 */
export async function scrubAfterErasure(ctx: HandlerContext): Promise<void> {
  if (ctx.erasureScrub) await ctx.erasureScrub.run();
  else runErasureScrub(ctx.services().db);
}

export const erasureHandlers: HandlerGroup<'erasure'> = {
  'erasure:erase': async ({ studentId, confirmName }, ctx) => {
    commitErasure(ctx.services().db, studentId, confirmName, ctx.now);
    // Before any copy is made: the fresh backup below must not copy the search index's old
    // segments, which still hold the student's terms until the scrub's optimize.
    await scrubAfterErasure(ctx);
    // Every copy the app knows still holds the student: the set-aside vault copies, and the
    // backups in the folder (replaced by one fresh backup). Never fails the erasure itself.
    if (!ctx.backups) return { ok: true, backup: null, backupError: 'BACKUP_FOLDER_UNSET', removedBackups: 0, removedSetAside: 0 };
    return { ok: true, ...(await ctx.backups.afterErasure()) };
  },
};
