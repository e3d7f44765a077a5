import { exportDialogue, exportPortfolio, portfolioPreview } from '../export/exportService';
import { exportDialogueLog } from '../export/dialogueLog';
import { exportGroupReport } from '../export/groupReportExport';
import type { HandlerGroup } from './context';

export const exportHandlers: HandlerGroup<'export'> = {
  'export:dialogue': (request, ctx) => exportDialogue(ctx, request),
  'export:portfolio': (request, ctx) => exportPortfolio(ctx, request),
  'export:groupReport': (request, ctx) => exportGroupReport(ctx, request),
  'export:dialogueLog': (request, ctx) => exportDialogueLog(ctx, request),
  'export:portfolioPreview': (request, ctx) => portfolioPreview(ctx, request),
};
