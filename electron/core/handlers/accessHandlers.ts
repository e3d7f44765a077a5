import { exportAccess } from '../handover/handoverService';
import type { HandlerGroup } from './context';

export const accessHandlers: HandlerGroup<'access'> = {
  'access:export': (request, ctx) => exportAccess(ctx, request),
};
