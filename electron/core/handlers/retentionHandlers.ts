import { dueForDeletion, retentionYears, setRetentionYears } from '../retention/retention';
import type { HandlerGroup } from './context';

export const retentionHandlers: HandlerGroup<'retention'> = {
  'retention:due': (_request, ctx) => dueForDeletion(ctx.services().db, ctx.now()),
  'retention:getYears': (_request, ctx) => ({ years: retentionYears(ctx.services().db) }),
  'retention:setYears': ({ years }, ctx) => ({ years: setRetentionYears(ctx.services().db, years) }),
};
