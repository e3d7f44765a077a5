import { randomUUID } from 'node:crypto';
import { SCHOOL_TYPES, type Language, type SchoolType } from '../../../shared/domain';
import { annotationQuotes, countWords, docText, emptyParagraph, type DialogueDoc } from '../../../shared/editorDoc';
import { AppError } from '../../../shared/errors';
import type { RefiImportResult, RefiPicked, RefiPreview, RefiSkipped, RefiTarget } from '../../../shared/exchangeSchemas';
import type { Student } from '../../../shared/schemas';
import { missingOpenFilePicker } from '../backup/openFilePicker';
import type { HandlerContext } from '../handlers/context';
import { transact } from '../handlers/transact';
import { runLimitedJob } from '../jobs/limitedJob';
import { indexDialogue } from '../search/searchIndex';
import type { Services } from '../services';
import { mergeCodes, type IncomingCode } from './codeMerge';
import { MAX_NAME, REFI_JOB_LIMITS } from './refiLimits';
import type { ParsedCase, ParsedRefi, ParsedSource } from './refiParse';
import { textToParagraphs } from './textDoc';

/**
 * REFI-QDA import: pick → parse in a limited job → preview (nothing stored) → import in one
 * transaction with one audit event. Between preview and import the parsed file waits here,
 * under a token, for this unlocked session only: a lock, a restore or half an hour ends it.
 */

const PENDING_MS = 30 * 60_000;
const TEMPLATE_KEY = 'external-career';
const NO_CASE: Record<Language, string> = { nl: 'Geïmporteerd (zonder casus)', en: 'Imported (no case)' };

interface Pending { services: Services; parsed: ParsedRefi; at: number }
const pending = new Map<string, Pending>();

function take(ctx: HandlerContext, token: string): ParsedRefi {
  const entry = pending.get(token);
  const services = ctx.services();
  if (!entry || entry.services !== services || ctx.now() - entry.at > PENDING_MS) {
    pending.delete(token);
    throw new AppError('IMPORT_EXPIRED');
  }
  return entry.parsed;
}

function incomingCodes(parsed: ParsedRefi): IncomingCode[] {
  return parsed.codes.map((code) => ({ ref: code.guid, name: code.name, color: code.color, parentRef: code.parentGuid }));
}

/** Each source's case: the first case that names it. */
function caseOfSource(parsed: ParsedRefi): Map<string, ParsedCase> {
  const cases = new Map<string, ParsedCase>();
  for (const entry of parsed.cases) for (const guid of entry.sourceGuids) if (!cases.has(guid)) cases.set(guid, entry);
  return cases;
}

function passagesOf(parsed: ParsedRefi): { passages: number; memos: number } {
  let passages = 0;
  let memos = 0;
  for (const source of parsed.sources) {
    passages += source.annotations.length;
    memos += source.annotations.filter((annotation) => annotation.memo).length;
  }
  return { passages, memos };
}

export function previewOf(services: Services, parsed: ParsedRefi): RefiPreview {
  const codes = mergeCodes(services, incomingCodes(parsed), null);
  const sourceCase = caseOfSource(parsed);
  const sourceGuids = new Set(parsed.sources.map((source) => source.guid));
  return {
    kind: parsed.kind,
    name: parsed.name,
    origin: parsed.origin,
    sources: parsed.sources.length,
    cases: parsed.cases.map((entry) => ({
      name: entry.name,
      sources: parsed.sources.filter((source) => sourceCase.get(source.guid) === entry).length,
    })),
    sourcesWithoutCase: [...sourceGuids].filter((guid) => !sourceCase.has(guid)).length,
    codesNew: codes.created,
    codesMerged: codes.merged,
    ...passagesOf(parsed),
    skipped: parsed.skipped,
  };
}

/** Asks for the file, parses it in a limited job and keeps it for the import; null token when cancelled. */
export async function pickRefi(ctx: HandlerContext): Promise<RefiPicked> {
  // Only an unlocked session may have a file read that will go into the vault.
  ctx.services();
  const path = await (ctx.openFilePicker ?? missingOpenFilePicker).choose('qdpx');
  if (path === null) return { token: null, preview: null };
  const parsed = await runLimitedJob<ParsedRefi>('qdpxParse', { path }, REFI_JOB_LIMITS);
  const services = ctx.services();
  if (parsed.sources.length === 0 && parsed.codes.length === 0 && parsed.cases.length === 0) throw new AppError('REFI_NOTHING_TO_IMPORT');
  for (const [token, entry] of pending) if (entry.services !== services || ctx.now() - entry.at > PENDING_MS) pending.delete(token);
  const token = randomUUID();
  pending.set(token, { services, parsed, at: ctx.now() });
  return { token, preview: previewOf(services, parsed) };
}

function localDay(ms: number): string {
  const now = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const SEPARATOR = ' – ';
const ISO_DAY = /^(\d{4}-\d{2}-\d{2})$/;
/** The text documents QDA tools take in; a name ending so is a file name. */
const DOCUMENT_SUFFIX = /\.(?:txt|docx?|odt|rtf|md|html?|epub|pdf)$/i;

/**
 * The dialogue's date and title from the source. This app names a source "Student – date –
 * title"; that form gives back the date and the title without the student. Another tool's
 * name is the title, without the suffix of the document it was made from (QualCoder names a
 * source after its file: "gesprek-3.docx"), and the date its creation date, else today.
 */
function titleAndDate(source: ParsedSource, caseName: string | null, today: string): { heldOn: string; title: string } {
  let rest = source.name;
  if (caseName && rest.startsWith(`${caseName}${SEPARATOR}`)) rest = rest.slice(caseName.length + SEPARATOR.length);
  const parts = rest.split(SEPARATOR);
  if (parts.length >= 2 && ISO_DAY.test(parts[0]!)) {
    const day = parts[0]!;
    const title = parts.slice(1).join(SEPARATOR).trim();
    return { heldOn: validDay(day) ?? source.createdOn ?? today, title: (title || source.name).slice(0, MAX_NAME) };
  }
  const title = source.name.replace(DOCUMENT_SUFFIX, '').trim() || source.name;
  return { heldOn: source.createdOn ?? today, title: title.slice(0, MAX_NAME) };
}

function validDay(value: string): string | null {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null;
}

const VARIABLE_NAMES = {
  schoolType: ['schooltype', 'school type', 'schoolsoort'],
  programme: ['opleiding', 'programme', 'program'],
  cohort: ['cohort', 'klas', 'class'],
} as const;

function variable(entry: ParsedCase, names: readonly string[]): string {
  return entry.variables.find((candidate) => names.includes(candidate.name.toLowerCase()))?.value ?? '';
}

function studentFor(services: Services, entry: ParsedCase | null, language: Language, schoolType: SchoolType, now: string): Student {
  const named = entry ? variable(entry, VARIABLE_NAMES.schoolType).toLowerCase() : '';
  return services.students.create({
    displayName: (entry?.name || NO_CASE[language]).slice(0, MAX_NAME),
    schoolType: (SCHOOL_TYPES as readonly string[]).includes(named) ? (named as SchoolType) : schoolType,
    programme: entry ? variable(entry, VARIABLE_NAMES.programme).slice(0, 200) : '',
    cohort: entry ? variable(entry, VARIABLE_NAMES.cohort).slice(0, 50) : '',
    mentor: '',
    leavingDate: null,
  }, now);
}

/** The template imported text goes into: the built-in external dialogue, its first section. */
function importTemplate(services: Services) {
  const templates = services.templates.listLatest(true);
  const chosen = templates.find((template) => template.builtinKey === TEMPLATE_KEY) ?? templates.find((template) => template.builtinKey !== null) ?? templates[0];
  if (!chosen) throw new AppError('NOT_FOUND');
  return chosen;
}

/** Stores everything the preview showed, in one transaction with one audit event (counts only). */
export async function importRefi(ctx: HandlerContext, token: string, target: RefiTarget): Promise<RefiImportResult> {
  const parsed = take(ctx, token);
  const language = await ctx.preferences.language();
  const result = transact(ctx, ({ services, audit }) => {
    const now = ctx.nowIso();
    const codes = mergeCodes(services, incomingCodes(parsed), now);
    const students = new Map<ParsedCase | null, Student>();
    let studentsCreated = 0;
    const sourceCase = caseOfSource(parsed);
    let single: Student | null = null;
    if (target.kind === 'student') {
      single = services.students.get(target.studentId);
    } else if (parsed.kind === 'project') {
      // Every case becomes a student, also one without sources (a researcher's case list).
      for (const entry of parsed.cases) {
        students.set(entry, studentFor(services, entry, language, target.schoolType, now));
        studentsCreated += 1;
      }
    }
    const template = parsed.sources.length > 0 ? importTemplate(services) : null;
    const today = localDay(ctx.now());
    let passages = 0;
    let memos = 0;
    for (const source of parsed.sources) {
      const entry = sourceCase.get(source.guid) ?? null;
      let student = single ?? students.get(entry);
      if (!student) {
        student = studentFor(services, entry, language, target.kind === 'cases' ? target.schoolType : 'havo', now);
        students.set(entry, student);
        studentsCreated += 1;
      }
      const tags = source.annotations
        .map((annotation) => ({ annotation, codeId: codes.ids.get(annotation.codeGuid), id: randomUUID() }))
        .filter((tag): tag is typeof tag & { codeId: string } => tag.codeId !== undefined);
      const paragraphs = textToParagraphs(source.text, tags.map((tag) => ({ id: tag.id, ranges: tag.annotation.ranges })));
      const sections = template!.sections;
      const content: DialogueDoc = sections.map((section, index) => ({
        type: 'section', sectionKey: section.key, children: index === 0 ? paragraphs : [emptyParagraph()],
      }));
      const id = randomUUID();
      const { heldOn, title } = titleAndDate(source, entry?.name ?? null, today);
      services.dialogues.insert({ id, studentId: student.id, templateVersionId: template!.id, placementId: null, kind: template!.kind, heldOn, title, content }, now);
      services.dialogues.saveContent(id, 1, content, countWords(docText(content)), now);
      const quotes = annotationQuotes(content);
      for (const tag of tags) {
        services.annotations.create(id, { codeId: tag.codeId, memo: tag.annotation.memo, attributes: {} }, now, tag.id);
        services.annotations.setQuote(tag.id, quotes.get(tag.id) ?? '');
        passages += 1;
        if (tag.annotation.memo) memos += 1;
      }
      indexDialogue(services.db, id);
    }
    audit('exchange.imported', {
      kind: parsed.kind === 'project' ? 'qdpx' : 'qdc',
      students: studentsCreated, dialogues: parsed.sources.length, codesNew: codes.created, codesMerged: codes.merged, passages,
    });
    const only = single ?? (students.size === 1 ? [...students.values()][0]! : null);
    return {
      studentsCreated, dialogues: parsed.sources.length, codesNew: codes.created, codesMerged: codes.merged, passages, memos,
      skipped: parsed.skipped as RefiSkipped[], studentId: only?.id ?? null,
    };
  });
  pending.delete(token);
  return result;
}

/** For tests: how many parsed files wait for their import. */
export function pendingImports(): number {
  return pending.size;
}
