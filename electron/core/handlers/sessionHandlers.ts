import type { HandlerGroup } from './context';

export const sessionHandlers: HandlerGroup<'session'> = {
  // Activity itself is recorded by the dispatcher for every call; this channel exists so the
  // renderer can report typing and reading that make no other call.
  'session:activity': () => ({ ok: true }),
};
