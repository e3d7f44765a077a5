import type { HandlerTable } from './context';
import { sessionHandlers } from './sessionHandlers';
import { settingsHandlers } from './settingsHandlers';
import { studentHandlers } from './studentHandlers';
import { vaultHandlers } from './vaultHandlers';

/** Every channel of the contract; the type makes a missing handler a compile error. */
export const handlers: HandlerTable = {
  ...vaultHandlers,
  ...sessionHandlers,
  ...studentHandlers,
  ...settingsHandlers,
};
