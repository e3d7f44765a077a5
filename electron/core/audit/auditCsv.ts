import { basename, dirname, isAbsolute } from 'node:path';
import type { AuditEntry } from '../../../shared/safetySchemas';
import type { ExportResult } from '../../../shared/exportSchemas';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/connection';
import { writeExportAtomic } from '../export/atomicExport';
import type { HandlerContext } from '../handlers/context';
import { logEvent } from '../log';
import { type AuditEvent, listAudit, recordAudit } from '../repositories/auditRepository';
import { localDay } from '../retention/retention';

/** Only flat string/number/boolean values are part of an entry; anything else is left out. */
export function toAuditEntry(event: AuditEvent): AuditEntry {
  const detail: AuditEntry['detail'] = {};
  for (const [key, value] of Object.entries(event.detail)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') detail[key] = value;
  }
  return { at: event.at, kind: event.kind, detail };
}

/** Newest first. */
export function auditEntries(db: Db, limit: number): AuditEntry[] {
  return listAudit(db, limit).map(toAuditEntry);
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `at,kind,detail` with CRLF line ends, oldest first, detail as compact JSON. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = ['at,kind,detail'];
  for (const entry of entries) lines.push([entry.at, entry.kind, JSON.stringify(entry.detail)].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function withCsvExtension(path: string): string {
  return /\.csv$/i.test(path) ? path : `${path}.csv`;
}

/** Asks where to, writes the whole log atomically, records that an export was made. */
export async function exportAuditCsv(ctx: HandlerContext): Promise<ExportResult> {
  const fileName = `audit-${localDay(ctx.now())}.csv`;
  const chosen = await ctx.saveTarget.choose(fileName);
  if (chosen === null) return { saved: false, fileName, location: null };
  if (!chosen || !isAbsolute(chosen)) throw new AppError('EXPORT_TARGET_MISSING');
  const path = withCsvExtension(chosen);
  // The vault may have locked while the dialog stood open: then nothing is read or written.
  const { db } = ctx.services();
  // LIMIT -1: every entry.
  const entries = auditEntries(db, -1).reverse();
  await writeExportAtomic(ctx.fileOps, path, Buffer.from(auditCsv(entries), 'utf8'));
  if (ctx.vault.isUnlocked) recordAudit(ctx.services().db, 'export.made', { kind: 'audit' }, ctx.now);
  else logEvent('export.audit_skipped', { kind: 'audit' });
  return { saved: true, fileName: basename(path), location: dirname(path) };
}
