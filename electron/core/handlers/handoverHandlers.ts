import { exportHandover, importHandover, inspectHandover } from '../handover/handoverService';
import type { HandlerGroup } from './context';

export const handoverHandlers: HandlerGroup<'handover'> = {
  'handover:export': (request, ctx) => exportHandover(ctx, request),
  'handover:inspect': (request, ctx) => inspectHandover(ctx, request),
  'handover:import': (request, ctx) => importHandover(ctx, request),
};
