import { basename, dirname, isAbsolute } from 'node:path';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { RequestOut } from '../../../shared/contract';
import type { Code } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ExportResult } from '../../../shared/exportSchemas';
import { dialogueLogText } from '../../../shared/i18n/features/classList';
import { dialogueView } from '../domain/dialogueView';
import { sourceText } from '../exchange/plainText';
import type { HandlerContext } from '../handlers/context';
import { matchesFilter } from '../insights/groupOverview';
import { logEvent } from '../log';
import { recordAudit } from '../repositories/auditRepository';
import { localDay } from '../retention/retention';
import type { Services } from '../services';
import { writeExportAtomic } from './atomicExport';
import { compareText } from './agreements';
import { competenceOf, exportedSections, isBoundary, taggedPassages } from './dialogueContent';

/**
 * The dialogue log for the school's systems (issue 16 part 4): one row per dialogue of a group
 * or period, as CSV that Dutch Excel opens as it is (UTF-8 with BOM, `;`, CRLF) or as .xlsx.
 * Counts and agreements, never the dialogue's words unless the mentor chooses them, and then
 * never a private section's.
 */

export interface DialogueLogRow {
  /** `YYYY-MM-DD` */
  heldOn: string;
  studentNumber: string;
  name: string;
  cohort: string;
  mentor: string;
  kind: 'internal' | 'external';
  title: string;
  status: 'draft' | 'final';
  agreements: number;
  agreementTexts: string[];
  boundaryExperiences: number;
  competences: number;
  /** Only when chosen; null otherwise (no column at all). */
  text: string | null;
}

/** Excel holds at most 32,767 characters in a cell; longer text is cut with a mark. */
const MAX_CELL = 32_000;
const cut = (text: string) => (text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text);

export function dialogueLogRows(services: Services, request: RequestOut<'export:dialogueLog'>, language: Language): DialogueLogRow[] {
  const students = services.students.list(false).filter((student) => matchesFilter(student, { ...request, weeksWithoutDialogue: 1 }));
  const codes = new Map(services.codes.list().map((code): [string, Code] => [code.id, code]));
  const rows: DialogueLogRow[] = [];
  for (const student of students) {
    for (const summary of services.dialogues.summaries(student.id)) {
      const day = summary.heldOn.slice(0, 10);
      if ((request.from && day < request.from) || (request.to && day > request.to)) continue;
      const dialogue = dialogueView(services, summary.id, language);
      // What the exports count: passages in the sections that leave the app (no private notes).
      const passages = taggedPassages(dialogue, exportedSections(dialogue, false), codes);
      rows.push({
        heldOn: day,
        studentNumber: student.studentNumber ?? '',
        name: student.displayName,
        cohort: student.cohort,
        mentor: student.mentor,
        kind: dialogue.kind,
        title: dialogue.title,
        status: dialogue.status,
        agreements: dialogue.actions.length,
        agreementTexts: dialogue.actions.map((action) => action.text),
        boundaryExperiences: passages.filter(isBoundary).length,
        competences: passages.filter((passage) => competenceOf(passage) !== null).length,
        text: request.includeText ? sourceText(dialogue, false).text : null,
      });
    }
  }
  // By day, then name, as a school's register reads.
  return rows.sort((a, b) => compareText(a.heldOn, b.heldOn) || a.name.localeCompare(b.name, 'nl') || compareText(a.title, b.title));
}

function header(language: Language, includeText: boolean): string[] {
  const t = dialogueLogText[language];
  return [t.date, t.studentNumber, t.name, t.cohort, t.mentor, t.kind, t.title, t.status, t.agreementCount, t.agreements,
    t.boundaryExperiences, t.competences, ...(includeText ? [t.text] : [])];
}

function textCells(row: DialogueLogRow, language: Language): string[] {
  const t = dialogueLogText[language];
  return [row.studentNumber, row.name, row.cohort, row.mentor, t.kinds[row.kind], row.title, t.statuses[row.status]];
}

/** dd-mm-jjjj, as Dutch Excel reads a date. */
export function dutchDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}-${m}-${y}`;
}

/**
 * A cell Excel would run as a formula (=, +, -, @, and a tab or CR in front of one) gets an
 * apostrophe in front: a name or title like `=HYPERLINK(…)` must stay text (CSV injection).
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 with `;`: a field with `;`, a quote, CR or LF is quoted, quotes doubled. */
export function csvCell(value: string): string {
  const guarded = guardFormula(value);
  return /[;"\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function dialogueLogCsv(rows: readonly DialogueLogRow[], language: Language, includeText: boolean): Buffer {
  const lines = [header(language, includeText).map(csvCell).join(';')];
  for (const row of rows) {
    const [studentNumber, ...rest] = textCells(row, language);
    lines.push([
      dutchDate(row.heldOn), csvCell(studentNumber!), ...rest.map((cell) => csvCell(cut(cell))), String(row.agreements),
      csvCell(cut(row.agreementTexts.join(' | '))), String(row.boundaryExperiences), String(row.competences),
      ...(includeText ? [csvCell(cut(row.text ?? ''))] : []),
    ].join(';'));
  }
  // The BOM is how Excel knows the file is UTF-8 (without it, "Çelik" arrives as "Ã‡elik").
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

const COLUMN_WIDTHS = [12, 15, 28, 10, 22, 16, 32, 12, 10, 40, 14, 14];

export async function dialogueLogXlsx(rows: readonly DialogueLogRow[], language: Language, includeText: boolean): Promise<Buffer> {
  const t = dialogueLogText[language];
  const data: SheetData = [
    header(language, includeText).map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((row) => {
      const [y, m, d] = row.heldOn.split('-').map(Number) as [number, number, number];
      const cells = textCells(row, language).map((value) => ({ value: cut(value), type: String }));
      return [
        { value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: 'dd-mm-yyyy' },
        ...cells,
        { value: row.agreements, type: Number },
        { value: cut(row.agreementTexts.join(' | ')), type: String },
        { value: row.boundaryExperiences, type: Number },
        { value: row.competences, type: Number },
        ...(includeText ? [{ value: cut(row.text ?? ''), type: String, wrap: true }] : []),
      ];
    }),
  ];
  const columns = [...COLUMN_WIDTHS, ...(includeText ? [80] : [])].map((width) => ({ width }));
  return writeXlsxFile(data, { sheet: t.sheet, columns, stickyRowsCount: 1 }).toBuffer();
}

function withExtension(path: string, extension: string): string {
  return path.toLowerCase().endsWith(`.${extension}`) ? path : `${path}.${extension}`;
}

/** Asks where to, builds the log from the vault as it is then, writes it atomically. */
export async function exportDialogueLog(ctx: HandlerContext, request: RequestOut<'export:dialogueLog'>): Promise<ExportResult> {
  ctx.services();
  const language = await ctx.preferences.language();
  const fileName = `${dialogueLogText[language].fileStem}-${localDay(ctx.now())}.${request.format}`;
  const chosen = await ctx.saveTarget.choose(fileName);
  if (chosen === null) return { saved: false, fileName, location: null };
  if (!chosen || !isAbsolute(chosen)) throw new AppError('EXPORT_TARGET_MISSING');
  const path = withExtension(chosen, request.format);
  // The vault may have locked while the dialog stood open: then nothing is read or written.
  const services = ctx.services();
  const rows = dialogueLogRows(services, request, language);
  const data = request.format === 'csv'
    ? dialogueLogCsv(rows, language, request.includeText)
    : await dialogueLogXlsx(rows, language, request.includeText);
  await writeExportAtomic(ctx.fileOps, path, data);
  const detail = { kind: 'dialogueLog', format: request.format, rows: rows.length, withText: request.includeText ? 1 : 0 };
  if (ctx.vault.isUnlocked) recordAudit(ctx.services().db, 'export.made', detail, ctx.now);
  else logEvent('export.audit_skipped', { kind: 'dialogueLog' });
  return { saved: true, fileName: basename(path), location: dirname(path) };
}

