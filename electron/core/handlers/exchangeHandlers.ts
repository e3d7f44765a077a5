import { exportQdc, exportQdpx } from '../exchange/exchangeService';
import type { HandlerGroup } from './context';

/** REFI-QDA exchange with QDA tools (QualCoder, ATLAS.ti, MAXQDA, NVivo). */
export const exchangeHandlers: HandlerGroup<'exchange'> = {
  'exchange:exportQdpx': (request, ctx) => exportQdpx(ctx, request),
  'exchange:exportQdc': (_request, ctx) => exportQdc(ctx),
};
