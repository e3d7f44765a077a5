import { groupOverview } from '../insights/groupOverview';
import type { HandlerGroup } from './context';

export const groupHandlers: HandlerGroup<'groups'> = {
  'groups:overview': (filter, ctx) => groupOverview(ctx.services(), filter, ctx.now()),
};
