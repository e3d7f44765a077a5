import { exportPack, exportQdc, exportQdpx } from '../exchange/exchangeService';
import { importPackToken, pickPack } from '../exchange/pack';
import { importRefi, pickRefi } from '../exchange/refiImport';
import type { HandlerGroup } from './context';

/** REFI-QDA exchange with QDA tools (QualCoder, ATLAS.ti, MAXQDA, NVivo), and packs of templates and codebook. */
export const exchangeHandlers: HandlerGroup<'exchange'> = {
  'exchange:exportQdpx': (request, ctx) => exportQdpx(ctx, request),
  'exchange:exportQdc': (_request, ctx) => exportQdc(ctx),
  'exchange:pickQdpx': (_request, ctx) => pickRefi(ctx),
  'exchange:importQdpx': ({ token, target }, ctx) => importRefi(ctx, token, target),
  'exchange:exportPack': (_request, ctx) => exportPack(ctx),
  'exchange:pickPack': (_request, ctx) => pickPack(ctx),
  'exchange:importPack': ({ token }, ctx) => importPackToken(ctx, token),
};
