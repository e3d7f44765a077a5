import { accessHandlers } from './accessHandlers';
import { actionHandlers } from './actionHandlers';
import { annotationHandlers } from './annotationHandlers';
import { backupHandlers } from './backupHandlers';
import { auditHandlers } from './auditHandlers';
import { classListHandlers } from './classListHandlers';
import { codeHandlers } from './codeHandlers';
import type { HandlerTable } from './context';
import { dialogueHandlers } from './dialogueHandlers';
import { erasureHandlers } from './erasureHandlers';
import { exchangeHandlers } from './exchangeHandlers';
import { exportHandlers } from './exportHandlers';
import { fileHandlers } from './fileHandlers';
import { firstRunHandlers } from './firstRunHandlers';
import { groupHandlers } from './groupHandlers';
import { handoverHandlers } from './handoverHandlers';
import { placementHandlers } from './placementHandlers';
import { policyHandlers } from './policyHandlers';
import { quickFindHandlers } from './quickFindHandlers';
import { consentHandlers, recordingHandlers } from './recordingHandlers';
import { retentionHandlers } from './retentionHandlers';
import { searchHandlers } from './searchHandlers';
import { sessionHandlers } from './sessionHandlers';
import { settingsHandlers } from './settingsHandlers';
import { statusHandlers } from './statusHandlers';
import { studentHandlers } from './studentHandlers';
import { templateHandlers } from './templateHandlers';
import { todayHandlers } from './todayHandlers';
import { transcriptHandlers } from './transcriptHandlers';
import { audioHandlers, modelHandlers, transcriptionHandlers } from './transcriptionHandlers';
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
  ...modelHandlers,
  ...transcriptionHandlers,
  ...audioHandlers,
  ...exportHandlers,
  ...fileHandlers,
  ...exchangeHandlers,
  ...backupHandlers,
  ...handoverHandlers,
  ...accessHandlers,
  ...erasureHandlers,
  ...retentionHandlers,
  ...searchHandlers,
  ...auditHandlers,
  ...groupHandlers,
  ...statusHandlers,
  ...todayHandlers,
  ...quickFindHandlers,
  ...classListHandlers,
  ...firstRunHandlers,
  ...consentHandlers,
  ...recordingHandlers,
  ...policyHandlers,
};
