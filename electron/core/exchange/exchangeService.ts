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
import { exampleStudentId } from '../firstRun/exampleStudent';
import type { Services } from '../services';
import { buildPack } from './pack';
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

/**
 * The chosen students (all current ones when none are named), each with every dialogue, oldest
 * first. Reading a whole school takes a while (about 6 ms a dialogue on the build machine), so
 * the host's event loop gets a turn after each student: an autosave from another window is not
 * kept waiting behind the export. Each dialogue is read whole; a lock in between ends the export.
 */
async function selection(ctx: HandlerContext, studentIds: string[] | undefined, language: Language): Promise<{ student: Student; dialogues: Dialogue[] }[]> {
  const first = ctx.services();
  const example = exampleStudentId(first.db);
  const students = studentIds
    ? [...new Set(studentIds)].map((id) => first.students.get(id))
    // Every current student means the mentor's own: the first run's example student is left out.
    : first.students.list(false).filter((student) => student.id !== example);
  const chosen: { student: Student; dialogues: Dialogue[] }[] = [];
  for (const student of students) {
    chosen.push({
      student,
      dialogues: first.dialogues.summaries(student.id).reverse().map((summary) => dialogueView(first, summary.id, language)),
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Locked, or unlocked again (a restore swaps the vault): never mix two vaults in one file.
    if (ctx.services() !== first) throw new AppError('VAULT_LOCKED');
  }
  return chosen;
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
  const now = new Date(ctx.now());
  const students = await selection(ctx, request.studentIds, language);
  // Codes after the students, so a code made meanwhile is in the codebook.
  const files = buildProject({
    origin: origin(ctx),
    language,
    now,
    codes: codesIn(ctx.services(), language),
    students,
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

const PACK_NAME: Record<Language, string> = { nl: 'sjablonen-en-codeboek', en: 'templates-and-codebook' };

/** The mentor's own templates and the codebook as one `.lbdpack` (see pack.ts). */
export async function exportPack(ctx: HandlerContext): Promise<ExportResult> {
  const language = await ctx.preferences.language();
  const now = new Date(ctx.now());
  const pack = buildPack(ctx.services(), origin(ctx), now);
  return saveExchange(ctx, `${PACK_NAME[language]}-${localDay(now)}.lbdpack`, 'lbdpack', Buffer.from(`${JSON.stringify(pack, null, 2)}\n`, 'utf8'), 'lbdpack');
}
