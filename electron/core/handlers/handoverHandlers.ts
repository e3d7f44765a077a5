import { exportHandover, importHandover } from '../handover/handoverService';
import type { HandlerGroup } from './context';

export const handoverHandlers: HandlerGroup<'handover'> = {
  'handover:export': (request, ctx) => exportHandover(ctx, request),
  'handover:import': (request, ctx) => importHandover(ctx, request),
};
