import { quickFind } from '../insights/quickFind';
import type { HandlerGroup } from './context';

export const quickFindHandlers: HandlerGroup<'quickFind'> = {
  'quickFind:query': ({ query }, ctx) => quickFind(ctx.services().db, query),
};
