import { chooseClassListSheet, discardClassList, importClassList, pickClassList, planClassList } from '../classList/classListService';
import type { HandlerGroup } from './context';

export const classListHandlers: HandlerGroup<'classList'> = {
  'classList:pick': (_request, ctx) => pickClassList(ctx),
  'classList:plan': (request, ctx) => planClassList(ctx, request),
  'classList:sheet': (request, ctx) => chooseClassListSheet(ctx, request),
  'classList:import': (request, ctx) => importClassList(ctx, request),
  'classList:discard': ({ token }, ctx) => {
    discardClassList(ctx, token);
    return { ok: true as const };
  },
};
