import { basename, dirname, isAbsolute } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { RequestOut } from '../../../shared/contract';
import type { Code, Dialogue } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';
import type { ExportResult, PortfolioChoice, PortfolioPreview } from '../../../shared/exportSchemas';
import type { Student } from '../../../shared/schemas';
import { dialogueView } from '../domain/dialogueView';
import { localiseCode } from '../domain/localise';
import type { HandlerContext } from '../handlers/context';
import { logEvent } from '../log';
import { recordAudit } from '../repositories/auditRepository';
import type { Services } from '../services';
import { writeExportAtomic } from './atomicExport';
import { exportedSections, portfolioRole } from './dialogueContent';
import { buildDocxInJob } from './docxJob';
import type { ExportContext } from './exportModel';
import { dialogueFileName, portfolioFileName } from './fileNames';
import { LogoStore } from './logo';
import { sectionHasText } from './slateToDocx';

export type ExportKind = 'dialogue' | 'portfolio' | 'group';

/** The built-in code whose passages are boundary experiences. */
const BOUNDARY_CODE = 'boundaryExperience';

function localisedCodes(services: Services, language: Language): Code[] {
  return services.codes.list().map((code) => localiseCode(code, language));
}

function exportContext(ctx: HandlerContext, services: Services, language: Language, student: Student): ExportContext {
  return {
    language,
    now: new Date(ctx.now()),
    school: { name: services.settings.get().schoolName, logo: new LogoStore(services.db).get() },
    author: student.mentor,
  };
}

/** The student's dialogues held from `from` to `to` (inclusive), oldest first, complete. */
function dialoguesInPeriod(services: Services, studentId: string, from: string, to: string, language: Language): Dialogue[] {
  // Summaries come newest first; reversed, equal dates keep the order they were made in.
  return services.dialogues.summaries(studentId)
    .filter((summary) => summary.heldOn >= from && summary.heldOn <= to)
    .reverse()
    .map((summary) => dialogueView(services, summary.id, language));
}

/**
 * The dialogues the mentor ticked, in period order; all of the period when none are named. A
 * named dialogue that is not this student's in this period is refused, not silently dropped.
 */
function chosenDialogues(all: Dialogue[], dialogueIds: string[] | undefined): Dialogue[] {
  if (dialogueIds === undefined) return all;
  const wanted = new Set(dialogueIds);
  const known = new Set(all.map((dialogue) => dialogue.id));
  for (const id of wanted) if (!known.has(id)) throw new AppError('VALIDATION', { field: 'dialogueIds' });
  return all.filter((dialogue) => wanted.has(dialogue.id));
}

/** A save dialog on Linux does not add the extension the filter shows; Word needs it. */
function withDocxExtension(path: string): string {
  return /\.docx$/i.test(path) ? path : `${path}.docx`;
}

/** Asks where to, writes atomically, records that an export was made (its kind, nothing more). */
export async function save(ctx: HandlerContext, fileName: string, data: Buffer, kind: ExportKind): Promise<ExportResult> {
  const chosen = await ctx.saveTarget.choose(fileName);
  if (chosen === null) return { saved: false, fileName, location: null };
  if (!chosen || !isAbsolute(chosen)) throw new AppError('EXPORT_TARGET_MISSING');
  const path = withDocxExtension(chosen);
  // The dialog may have stood open for a long time: if the vault locked meanwhile (the mentor
  // walked away), nothing is written.
  ctx.services();
  await writeExportAtomic(ctx.fileOps, path, data);
  if (ctx.vault.isUnlocked) recordAudit(ctx.services().db, 'export.made', { kind }, ctx.now);
  else logEvent('export.audit_skipped', { kind });
  return { saved: true, fileName: basename(path), location: dirname(path) };
}

export async function exportDialogue(ctx: HandlerContext, request: RequestOut<'export:dialogue'>): Promise<ExportResult> {
  const language = await ctx.preferences.language();
  const services = ctx.services();
  const dialogue = dialogueView(services, request.dialogueId, language);
  const student = services.students.get(dialogue.studentId);
  const data = await buildDocxInJob({
    kind: 'dialogue',
    input: { student, dialogue, codes: localisedCodes(services, language) },
    options: { includePrivate: request.includePrivate, tagsAsComments: request.tagsAsComments, includeMirror: request.includeMirror },
    ctx: exportContext(ctx, services, language, student),
  });
  return save(ctx, dialogueFileName(student.displayName, dialogue.heldOn, language), data, 'dialogue');
}

export async function exportPortfolio(ctx: HandlerContext, request: RequestOut<'export:portfolio'>): Promise<ExportResult> {
  const { studentId, from, to, includePrivate, sections, dialogueIds } = request;
  const language = await ctx.preferences.language();
  const services = ctx.services();
  const student = services.students.get(studentId);
  const data = await buildDocxInJob({
    kind: 'portfolio',
    input: {
      student, from, to,
      dialogues: chosenDialogues(dialoguesInPeriod(services, studentId, from, to, language), dialogueIds),
      codes: localisedCodes(services, language),
      actions: services.actions.list(studentId, true),
    },
    // Private sections only when the request says so in as many words (the schema defaults it to false).
    options: { includePrivate: includePrivate === true, sections },
    ctx: exportContext(ctx, services, language, student),
  });
  return save(ctx, portfolioFileName(student.displayName, language), data, 'portfolio');
}

/** What a portfolio for this period would hold, so the mentor sees it before choosing where to save. */
export async function portfolioPreview(ctx: HandlerContext, request: RequestOut<'export:portfolioPreview'>): Promise<PortfolioPreview> {
  const { studentId, from, to, dialogueIds } = request;
  const language = await ctx.preferences.language();
  const services = ctx.services();
  services.students.get(studentId);
  const all = dialoguesInPeriod(services, studentId, from, to, language);
  const dialogues = chosenDialogues(all, dialogueIds);
  const boundaryCodes = new Set(services.codes.list().filter((code) => code.builtinKey === BOUNDARY_CODE).map((code) => code.id));
  const actions = services.actions.list(studentId, true);
  const choices = all.map((dialogue): PortfolioChoice => ({
    id: dialogue.id,
    heldOn: dialogue.heldOn,
    title: dialogue.title.trim() || dialogue.template.name,
    role: portfolioRole(dialogue),
    privateSections: exportedSections(dialogue, true).filter((entry) => entry.isPrivate && sectionHasText(entry.section)).length,
  }));
  return {
    dialogues: dialogues.length,
    activities: dialogues.filter((dialogue) => portfolioRole(dialogue) === 'activity').length,
    reflections: dialogues.filter((dialogue) => portfolioRole(dialogue) === 'reflection').length,
    // Orphans (passages whose words were deleted from a draft) have an empty quote and do not count.
    boundaryExperiences: dialogues.reduce(
      (sum, dialogue) => sum + dialogue.annotations.filter((a) => boundaryCodes.has(a.codeId) && a.quote !== '').length, 0),
    openActions: actions.filter((action) => action.doneAt === null).length,
    doneActions: actions.filter((action) => action.doneAt !== null).length,
    choices,
  };
}
