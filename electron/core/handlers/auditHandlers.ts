import { auditEntries, exportAuditCsv } from '../audit/auditCsv';
import type { HandlerGroup } from './context';

export const auditHandlers: HandlerGroup<'audit'> = {
  'audit:list': ({ limit }, ctx) => auditEntries(ctx.services().db, limit),
  'audit:exportCsv': (_request, ctx) => exportAuditCsv(ctx),
};
