import type { FileChild } from 'docx';
import { COMPETENCES, DILEMMA_TYPES } from '../../../shared/domain';
import type { GroupRow } from '../../../shared/searchSchemas';
import type { GroupFilterValues } from '../insights/groupOverview';
import { longDate } from './dates';

/** `YYYY-MM-DD` as `29-11-2026`: fits a narrow column in both languages. */
const shortDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('-');
import { packDeterministic } from './deterministicZip';
import type { ExportContext } from './exportModel';
import { heading, note, title } from './headings';
import { countText, fill, labelsFor, type Labels } from './labels';
import { dataTable, factsTable } from './tables';
import { wordDocument } from './wordDocument';

/**
 * The group report for a coach: counts per student of a chosen group, with group totals per
 * competence and per dilemma type. Aggregates only, unless the coach includes quotes; those come
 * in already stripped of private sections (see `boundaryQuotes` in the export service).
 */

export interface GroupQuote {
  heldOn: string;
  quote: string;
  dilemmaType: string | null;
  context: string | null;
}

export interface GroupStudentQuotes {
  studentId: string;
  displayName: string;
  quotes: GroupQuote[];
}

export interface GroupReportInput {
  filter: GroupFilterValues;
  /** One row per student, in the order the report lists them. */
  rows: GroupRow[];
  /** Null: aggregates only. */
  quotes: GroupStudentQuotes[] | null;
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
const boundaryTotal = (row: GroupRow): number => sum(Object.values(row.boundaryByDilemma));
const competenceTotal = (row: GroupRow): number => sum(Object.values(row.passagesByCompetence));

function filterText(filter: GroupFilterValues, labels: Labels): string {
  const text = labels.doc.group;
  const part = (name: string, value: string | undefined) => (value && value.trim() ? [fill(text.filterPart, { name, value: value.trim() })] : []);
  const parts = [
    ...part(text.cohort, filter.cohort),
    ...part(text.programme, filter.programme),
    ...part(text.schoolType, filter.schoolType ? (labels.schoolTypes[filter.schoolType as keyof Labels['schoolTypes']] ?? filter.schoolType) : undefined),
    ...part(text.mentor, filter.mentor),
  ];
  return parts.length > 0 ? parts.join('\n') : text.allStudents;
}

function cover(input: GroupReportInput, ctx: ExportContext, labels: Labels): FileChild[] {
  const text = labels.doc.group;
  return [
    title(text.title),
    factsTable([
      [text.school, ctx.school.name.trim() || labels.doc.none],
      [text.group, filterText(input.filter, labels)],
      [text.date, longDate(ctx.now, labels)],
      [text.quietRule, fill(text.quietRuleValue, { period: countText(labels, 'weeks', input.filter.weeksWithoutDialogue) })],
    ]),
  ];
}

function studentTable(input: GroupReportInput, labels: Labels): FileChild[] {
  const text = labels.doc.group;
  const { rows } = input;
  if (rows.length === 0) return [heading(text.students, 1), note(text.noStudents)];
  const weeks = input.filter.weeksWithoutDialogue;
  const total = (pick: (row: GroupRow) => number) => String(sum(rows.map(pick)));
  return [
    heading(text.students, 1),
    dataTable([
      // Seven columns fit portrait A4: internal/external rides along with the dialogue count.
      { header: text.student, share: 0.2 },
      { header: `${text.dialogues} (${text.internalExternal.toLowerCase()})`, share: 0.15, center: true },
      { header: text.boundary, share: 0.14, center: true },
      { header: text.competences, share: 0.15, center: true },
      { header: text.overdue, share: 0.11, center: true },
      { header: text.lastDialogue, share: 0.13, center: true },
      { header: fill(text.quiet, { period: countText(labels, 'weeks', weeks) }), share: 0.12, center: true },
    ], [
      ...rows.map((row) => [
        row.displayName,
        `${row.dialogues} (${row.internal} / ${row.external})`,
        String(boundaryTotal(row)),
        String(competenceTotal(row)),
        String(row.overdueActions),
        row.lastDialogue ? shortDate(row.lastDialogue) : labels.doc.none,
        row.quiet ? text.quietMark : '',
      ]),
      [
        text.total,
        `${total((row) => row.dialogues)} (${total((row) => row.internal)} / ${total((row) => row.external)})`,
        total(boundaryTotal),
        total(competenceTotal),
        total((row) => row.overdueActions),
        '',
        String(rows.filter((row) => row.quiet).length),
      ],
    ]),
  ];
}

function competenceTable(rows: GroupRow[], labels: Labels): FileChild[] {
  const text = labels.doc.group;
  return [
    heading(text.competenceTable, 1),
    dataTable([
      { header: labels.doc.columns.competence, share: 0.7 },
      { header: text.count, share: 0.3, center: true },
    ], [
      ...COMPETENCES.map((competence) => [labels.dialogue.competences[competence], String(sum(rows.map((row) => row.passagesByCompetence[competence] ?? 0)))]),
      [text.total, String(sum(rows.map(competenceTotal)))],
    ]),
  ];
}

function boundaryTable(rows: GroupRow[], labels: Labels): FileChild[] {
  const text = labels.doc.group;
  const keys = [...DILEMMA_TYPES, 'none'] as const;
  return [
    heading(text.boundaryTable, 1),
    dataTable([
      { header: labels.doc.columns.dilemmaType, share: 0.7 },
      { header: text.count, share: 0.3, center: true },
    ], [
      ...keys.map((key) => [labels.dialogue.dilemma[key], String(sum(rows.map((row) => row.boundaryByDilemma[key] ?? 0)))]),
      [text.total, String(sum(rows.map(boundaryTotal)))],
    ]),
  ];
}

function dilemmaText(value: string | null, labels: Labels): string {
  const names = labels.dialogue.dilemma as Record<string, string>;
  return (value && names[value]) || labels.dialogue.dilemma.none;
}

function contextText(value: string | null, labels: Labels): string {
  const names = labels.dialogue.contexts as Record<string, string>;
  return (value && names[value]) || labels.dialogue.dilemma.none;
}

function quoteSection(quotes: GroupStudentQuotes[], labels: Labels): FileChild[] {
  const text = labels.doc.group;
  const { columns } = labels.doc;
  const withQuotes = quotes.filter((entry) => entry.quotes.length > 0);
  return [
    heading(text.quotes, 1, { pageBreakBefore: true }),
    note(text.quotesHint),
    ...(withQuotes.length === 0 ? [note(text.noQuotes)] : withQuotes.flatMap((entry) => [
      heading(entry.displayName, 2),
      dataTable([
        { header: columns.date, share: 0.2 },
        { header: columns.quote, share: 0.5, quote: true },
        { header: columns.dilemmaType, share: 0.15 },
        { header: columns.context, share: 0.15 },
      ], entry.quotes.map((quote) => [
        longDate(quote.heldOn, labels), quote.quote, dilemmaText(quote.dilemmaType, labels), contextText(quote.context, labels),
      ])),
    ])),
  ];
}

export async function buildGroupReport(input: GroupReportInput, ctx: ExportContext): Promise<Buffer> {
  const labels = labelsFor(ctx.language);
  const children: FileChild[] = [
    ...cover(input, ctx, labels),
    ...studentTable(input, labels),
    ...competenceTable(input.rows, labels),
    ...boundaryTable(input.rows, labels),
    ...(input.quotes ? quoteSection(input.quotes, labels) : []),
  ];
  const document = wordDocument({
    title: labels.doc.group.title,
    description: labels.doc.group.description,
    children,
  }, ctx, labels);
  return packDeterministic(document, ctx.now);
}
