import { todayOverview } from '../insights/today';
import type { HandlerGroup } from './context';

export const todayHandlers: HandlerGroup<'today'> = {
  'today:overview': ({ quietWeeks }, ctx) => todayOverview(ctx.services().db, ctx.now(), quietWeeks),
};
