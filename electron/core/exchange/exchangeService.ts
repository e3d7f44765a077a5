import { basename, dirname, isAbsolute } from 'node:path';
import JSZip from 'jszip';
import type { RequestOut } from '../../../shared/contract';
import type { Dialogue } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ExportResult } from '../../../shared/exportSchemas';
import type { Student } from '../../../shared/schemas';
import { dialogueView } from '../domain/dialogueView';
import { localiseCode } from '../domain/localise';
import { writeExportAtomic } from '../export/atomicExport';
import type { HandlerContext } from '../handlers/context';
import { logEvent } from '../log';
import { recordAudit } from '../repositories/auditRepository';
import type { Services } from '../services';
import { buildCodebook, buildProject, type ProjectFiles } from './refiProject';

/** The version of the running app where the context knows it, else the one that made the vault (as the handover does). */
function appVersion(ctx: HandlerContext): string {
  const known = (ctx as unknown as { appVersion?: unknown }).appVersion;
  if (typeof known === 'string') return known;
  const stored = ctx.services().db.prepare('SELECT app_version FROM vault_meta WHERE id = 1').pluck().get() as string | undefined;
  return stored ?? 'unknown';
}

function origin(ctx: HandlerContext): string {
  return `Loopbaandialoog ${appVersion(ctx)}`;
}

function codesIn(services: Services, language: Language) {
  return services.codes.list().map((code) => localiseCode(code, language));
}

/** The chosen students (all current ones when none are named), each with every dialogue, oldest first. */
function selection(services: Services, studentIds: string[] | undefined, language: Language): { student: Student; dialogues: Dialogue[] }[] {
  const students = studentIds
    ? [...new Set(studentIds)].map((id) => services.students.get(id))
    : services.students.list(false);
  return students.map((student) => ({
    student,
    dialogues: services.dialogues.summaries(student.id).reverse().map((summary) => dialogueView(services, summary.id, language)),
  }));
}

/**
 * The .qdpx zip: `project.qde` first, then `Sources/<guid>.txt` (UTF-8, no BOM). Every entry
 * dated with the export's clock, fixed compression and no permissions or owner, so the same data
 * and clock give the same bytes (as the Word exports) and nothing of this computer is inside.
 */
export async function packProject(files: ProjectFiles, now: Date): Promise<Buffer> {
  const zip = new JSZip();
  const options = { date: now, createFolders: false, unixPermissions: null, dosPermissions: null } as const;
  zip.file('project.qde', files.qde, options);
  for (const source of files.sources) zip.file(`Sources/${source.guid}.txt`, source.text, options);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const CODEBOOK_NAME: Record<Language, string> = { nl: 'codeboek', en: 'codebook' };

/** Asks where to, writes atomically, records that an export was made (its kind only). */
async function saveExchange(ctx: HandlerContext, fileName: string, extension: string, data: Buffer, kind: string): Promise<ExportResult> {
  const chosen = await ctx.saveTarget.choose(fileName);
  if (chosen === null) return { saved: false, fileName, location: null };
  if (!chosen || !isAbsolute(chosen)) throw new AppError('EXPORT_TARGET_MISSING');
  // Save dialogs on Linux do not add the extension; a QDA tool looks for it.
  const path = chosen.toLowerCase().endsWith(`.${extension}`) ? chosen : `${chosen}.${extension}`;
  // The dialog may have stood open until the vault locked: then nothing is written.
  ctx.services();
  await writeExportAtomic(ctx.fileOps, path, data);
  if (ctx.vault.isUnlocked) recordAudit(ctx.services().db, 'export.made', { kind }, ctx.now);
  else logEvent('export.audit_skipped', { kind });
  return { saved: true, fileName: basename(path), location: dirname(path) };
}

export async function buildQdpx(ctx: HandlerContext, request: RequestOut<'exchange:exportQdpx'>): Promise<Buffer> {
  const language = await ctx.preferences.language();
  const services = ctx.services();
  const now = new Date(ctx.now());
  const files = buildProject({
    origin: origin(ctx),
    language,
    now,
    codes: codesIn(services, language),
    students: selection(services, request.studentIds, language),
    includePrivate: request.includePrivate,
  });
  return packProject(files, now);
}

export async function exportQdpx(ctx: HandlerContext, request: RequestOut<'exchange:exportQdpx'>): Promise<ExportResult> {
  const data = await buildQdpx(ctx, request);
  return saveExchange(ctx, `loopbaandialoog-${localDay(new Date(ctx.now()))}.qdpx`, 'qdpx', data, 'qdpx');
}

export async function exportQdc(ctx: HandlerContext): Promise<ExportResult> {
  const language = await ctx.preferences.language();
  const services = ctx.services();
  const xml = buildCodebook(codesIn(services, language), origin(ctx));
  return saveExchange(ctx, `${CODEBOOK_NAME[language]}-${localDay(new Date(ctx.now()))}.qdc`, 'qdc', Buffer.from(xml, 'utf8'), 'qdc');
}
