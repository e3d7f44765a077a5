import { noPolicy, policyView } from '../policy/loadPolicy';
import type { HandlerGroup } from './context';

export const policyHandlers: HandlerGroup<'policy'> = {
  // Works while locked: the unlock screen says when the school's file could not be used.
  'policy:get': (_request, ctx) => policyView(ctx.policy ?? noPolicy()),
};
