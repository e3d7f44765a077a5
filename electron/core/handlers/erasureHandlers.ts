import { eraseStudent } from '../erasure/erasure';
import type { HandlerGroup } from './context';

export const erasureHandlers: HandlerGroup<'erasure'> = {
  'erasure:erase': async ({ studentId, confirmName }, ctx) => {
    eraseStudent(ctx.services().db, studentId, confirmName, ctx.now);
    // Vault copies kept aside by earlier restores still hold the student: they go as well.
    await ctx.backups?.removeSetAside();
    return { ok: true };
  },
};
