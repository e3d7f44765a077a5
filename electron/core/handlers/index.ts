import { actionHandlers } from './actionHandlers';
import { annotationHandlers } from './annotationHandlers';
import { codeHandlers } from './codeHandlers';
import type { HandlerTable } from './context';
import { dialogueHandlers } from './dialogueHandlers';
import { exportHandlers } from './exportHandlers';
import { placementHandlers } from './placementHandlers';
import { sessionHandlers } from './sessionHandlers';
import { settingsHandlers } from './settingsHandlers';
import { studentHandlers } from './studentHandlers';
import { templateHandlers } from './templateHandlers';
import { transcriptHandlers } from './transcriptHandlers';
import { vaultHandlers } from './vaultHandlers';

/** Every channel of the contract; the type makes a missing handler a compile error. */
export const handlers: HandlerTable = {
  ...vaultHandlers,
  ...sessionHandlers,
  ...studentHandlers,
  ...settingsHandlers,
  ...placementHandlers,
  ...templateHandlers,
  ...dialogueHandlers,
  ...annotationHandlers,
  ...codeHandlers,
  ...actionHandlers,
  ...transcriptHandlers,
  ...exportHandlers,
};
