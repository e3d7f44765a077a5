import { Paragraph, TableOfContents, type FileChild } from 'docx';
import type { Action, Code, Dialogue } from '../../../shared/dialogueSchemas';
import { COMPETENCES, type Competence } from '../../../shared/domain';
import { DEFAULT_PORTFOLIO_SECTIONS, type PortfolioRole, type PortfolioSections } from '../../../shared/exportSchemas';
import { localiseCode, localiseTemplate } from '../domain/localise';
import { compareDone, compareOpen, compareText, dueLabel, isOverdue, ownerLabel } from './agreements';
import { Footnotes, planBoundaryMarks } from './boundaryMarks';
import { longDate, monthKey, monthsBetween, type Month } from './dates';
import { packDeterministic } from './deterministicZip';
import {
  ACTIVITY_PARTS, competenceCounts, exportedSections, isBoundary, portfolioRole, taggedPassages,
  type ExportedSection, type Passage,
} from './dialogueContent';
import { dialogueTitle, sectionTitle, statusLabel } from './dialogueLabels';
import type { ExportContext, PortfolioInput, PortfolioOptions } from './exportModel';
import { heading, note, styled, title } from './headings';
import { fill, labelsFor, type Labels } from './labels';
import { textRuns } from './runs';
import { ListInstances, sectionHasText, sectionToParagraphs } from './slateToDocx';
import { STYLE } from './styles';
import { dataTable, factsTable } from './tables';
import { contextLabel, dilemmaLabel } from './tagText';
import { wordDocument } from './wordDocument';

/**
 * A student's career portfolio over a period: what a coach or decaan reads to see development
 * over months. Built from the same exported-content rules as the summary, so a private note
 * never reaches it unless the mentor includes private sections.
 */

/** One dialogue, prepared once: what may be shown of it, its tagged passages, what it is to the portfolio. */
interface Prepared {
  dialogue: Dialogue;
  sections: ExportedSection[];
  passages: Passage[];
  role: PortfolioRole;
}

/** Dialogues in date order; ties keep a fixed order so the bytes do not depend on the input's. */
function prepare(input: PortfolioInput, options: PortfolioOptions, ctx: ExportContext): Prepared[] {
  const codes = new Map(input.codes.map((code): [string, Code] => [code.id, localiseCode(code, ctx.language)]));
  return [...input.dialogues]
    .sort((a, b) => compareText(a.heldOn, b.heldOn) || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))
    .map((raw) => {
      const dialogue = { ...raw, template: localiseTemplate(raw.template, ctx.language) };
      const sections = exportedSections(dialogue, options.includePrivate);
      return { dialogue, sections, passages: taggedPassages(dialogue, sections, codes), role: portfolioRole(dialogue) };
    });
}

/** What the text chapters share: one numbering of lists and of footnotes for the whole document. */
interface Writer {
  lists: ListInstances;
  footnotes: Footnotes;
  labels: Labels;
}

/** Sections as paragraphs, boundary experiences marked; a section without text says so. */
function sectionsText(entry: Prepared, sections: ExportedSection[], writer: Writer, title: (section: ExportedSection) => Paragraph): Paragraph[] {
  const marks = planBoundaryMarks(sections, entry.passages, writer.footnotes, writer.labels);
  return sections.flatMap((section) => [
    title(section),
    ...(sectionHasText(section.section)
      ? sectionToParagraphs(section.section, { sectionIndex: section.index, comments: null, marks, lists: writer.lists, labels: writer.labels })
      : [note(writer.labels.doc.notFilledIn)]),
  ]);
}

const dialogueHeading = ({ dialogue }: Prepared, labels: Labels) => `${longDate(dialogue.heldOn, labels)} — ${dialogueTitle(dialogue, labels)}`;

/** A bold line that stays with what follows: titles inside an activity's reflection, below the headings the contents lists. */
function runIn(text: string): Paragraph {
  return new Paragraph({ keepNext: true, keepLines: true, children: textRuns(text, { bold: true }) });
}

/** A reflection or conversation: its sections that have text (all of them "not filled in" if none has). */
function filledSections(entry: Prepared): ExportedSection[] {
  const filled = entry.sections.filter((section) => sectionHasText(section.section));
  return filled.length > 0 ? filled : entry.sections.slice(0, 1);
}

/** A reflection written within this many days after an activity, before the next one, is the reflection on it. */
const REFLECTION_DAYS = 14;

function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/**
 * Which reflections belong to which activity: the dialogue model has no link between them, so
 * the rule is the one a mentor works by — the reflection follows the activity (same day or within
 * two weeks) and comes before the next activity. Reflections that fit no activity stand apart.
 */
function attachReflections(activities: Prepared[], reflections: Prepared[]): { byActivity: Map<string, Prepared[]>; apart: Prepared[] } {
  const byActivity = new Map<string, Prepared[]>(activities.map((entry) => [entry.dialogue.id, []]));
  const apart: Prepared[] = [];
  for (const reflection of reflections) {
    const day = dayNumber(reflection.dialogue.heldOn);
    let owner: Prepared | null = null;
    for (const activity of activities) {
      if (dayNumber(activity.dialogue.heldOn) <= day) owner = activity;
      else break;
    }
    if (owner && day - dayNumber(owner.dialogue.heldOn) <= REFLECTION_DAYS) byActivity.get(owner.dialogue.id)!.push(reflection);
    else apart.push(reflection);
  }
  return { byActivity, apart };
}

function cover(input: PortfolioInput, ctx: ExportContext, labels: Labels): FileChild[] {
  const text = labels.doc.portfolio;
  const { student } = input;
  const rows: [string, string][] = [
    [text.school, ctx.school.name.trim() || labels.doc.none],
    [text.period, fill(labels.doc.period, { from: longDate(input.from, labels), to: longDate(input.to, labels) })],
    [text.mentor, student.mentor.trim() || ctx.author.trim() || labels.doc.none],
    [text.schoolType, labels.schoolTypes[student.schoolType] ?? student.schoolType],
  ];
  if (student.programme.trim()) rows.push([text.programme, student.programme.trim()]);
  return [title(text.title), styled(student.displayName, STYLE.subtitle), factsTable(rows)];
}

function contents(labels: Labels): FileChild[] {
  return [
    styled(labels.doc.portfolio.contents, STYLE.contentsHeading, { pageBreakBefore: true }),
    // Levels 1–2: chapters and the activities under them. docx lists the headings it finds, and
    // Word adds page numbers when it updates fields on opening (`updateFields`).
    new TableOfContents(labels.doc.portfolio.contents, { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

function timeline(prepared: Prepared[], labels: Labels): FileChild[] {
  const { columns, portfolio } = labels.doc;
  return [
    heading(portfolio.timeline, 1, { pageBreakBefore: true }),
    prepared.length === 0 ? note(portfolio.noDialogues) : dataTable([
      { header: columns.date, share: 0.2 },
      { header: columns.title, share: 0.36 },
      { header: columns.kind, share: 0.17 },
      { header: columns.status, share: 0.17 },
      { header: columns.tags, share: 0.1, center: true },
    ], prepared.map(({ dialogue, passages }) => [
      longDate(dialogue.heldOn, labels),
      dialogueTitle(dialogue, labels),
      labels.dialogue.kinds[dialogue.kind],
      statusLabel(dialogue, labels),
      String(passages.length),
    ])),
  ];
}

function activity(entry: Prepared, reflections: Prepared[] | null, writer: Writer): FileChild[] {
  const { labels } = writer;
  const parts = ACTIVITY_PARTS.flatMap((part) => {
    const section = entry.sections.find((candidate) => candidate.section.sectionKey === part);
    // Missing: a private part left out (or a copy without it); nothing to show either way.
    return section ? [section] : [];
  });
  const text = sectionsText(entry, parts, writer, (section) => {
    const name = labels.doc.portfolio.parts[section.section.sectionKey as (typeof ACTIVITY_PARTS)[number]];
    return heading(section.isPrivate ? `${name} ${labels.doc.privateMark}` : name, 3);
  });
  // Null: the mentor left reflections out, so there is no "Reflectie" heading either.
  const reflection = reflections === null ? [] : [
    heading(labels.portfolio.reflection, 3),
    ...(reflections.length === 0 ? [note(labels.portfolio.noReflection)] : reflections.flatMap((own) => [
      runIn(dialogueHeading(own, labels)),
      ...sectionsText(own, filledSections(own), writer, (section) => styled(sectionTitle(section, labels), STYLE.note, { keepNext: true })),
    ])),
  ];
  return [heading(dialogueHeading(entry, labels), 2), ...text, ...reflection];
}

function activities(chosen: Prepared[], reflections: Map<string, Prepared[]> | null, writer: Writer): FileChild[] {
  const { labels } = writer;
  return [
    heading(labels.doc.portfolio.activities, 1, { pageBreakBefore: true }),
    ...(chosen.length === 0
      ? [note(labels.doc.portfolio.noActivities)]
      : [note(labels.portfolio.activitiesHint), ...chosen.flatMap((entry) => activity(entry, reflections?.get(entry.dialogue.id) ?? null, writer))]),
  ];
}

/** Reflections that belong to no activity, or the external conversations: each dialogue with its sections. */
function dialogueChapter(chosen: Prepared[], text: { title: string; hint: string; none: string }, writer: Writer): FileChild[] {
  const { labels } = writer;
  return [
    heading(text.title, 1, { pageBreakBefore: true }),
    ...(chosen.length === 0 ? [note(text.none)] : [note(text.hint), ...chosen.flatMap((entry) => [
      heading(dialogueHeading(entry, labels), 2),
      ...sectionsText(entry, filledSections(entry), writer, (section) => heading(sectionTitle(section, labels), 3)),
    ])]),
  ];
}

/** The chapters with the student's words: activities with their reflections, other reflections, conversations. */
function textChapters(prepared: Prepared[], sections: PortfolioSections, writer: Writer): FileChild[] {
  const { labels } = writer;
  const ofRole = (role: PortfolioRole) => prepared.filter((entry) => entry.role === role);
  const activityEntries = sections.activities ? ofRole('activity') : [];
  const { byActivity, apart } = attachReflections(activityEntries, sections.reflections ? ofRole('reflection') : []);
  return [
    ...(sections.activities ? activities(activityEntries, sections.reflections ? byActivity : null, writer) : []),
    ...(sections.reflections ? dialogueChapter(apart, { title: labels.portfolio.reflections, hint: labels.portfolio.reflectionsHint, none: labels.portfolio.noReflections }, writer) : []),
    ...(sections.external ? dialogueChapter(ofRole('external'), { title: labels.portfolio.conversations, hint: labels.portfolio.conversationsHint, none: labels.portfolio.noConversations }, writer) : []),
  ];
}

function boundaries(prepared: Prepared[], markedInText: boolean, labels: Labels): FileChild[] {
  const { columns, portfolio } = labels.doc;
  const rows = prepared.flatMap(({ dialogue, passages }) => passages.filter(isBoundary).map((passage) => [
    longDate(dialogue.heldOn, labels),
    passage.quote,
    dilemmaLabel(passage.annotation, labels),
    contextLabel(passage.annotation, labels),
    passage.annotation.memo.trim(),
  ]));
  return [
    heading(portfolio.boundary, 1, { pageBreakBefore: true }),
    ...(markedInText ? [note(labels.portfolio.boundaryHint)] : []),
    rows.length === 0 ? note(portfolio.noBoundary) : dataTable([
      { header: columns.date, share: 0.15 },
      { header: columns.quote, share: 0.32, quote: true },
      { header: columns.dilemmaType, share: 0.15 },
      { header: columns.context, share: 0.13 },
      { header: columns.memo, share: 0.25 },
    ], rows),
  ];
}

/** Six months fit across A4 portrait beside the competence names; a longer period gets more tables. */
const MONTHS_PER_TABLE = 6;

/** Up to two school years the overview shows every month of the period, empty ones too. */
const WHOLE_PERIOD_MONTHS = 24;

/**
 * The months the overview shows: every month of a period of up to two school years (an empty
 * month says something: no dialogue then). A longer period, such as "everything" (the mentor's
 * choice of decades), is clipped to the months from the first to the last dialogue in it, or
 * 2000–2099 would make 200 tables and 9,000 cells of zeros.
 */
function overviewMonths(prepared: Prepared[], input: PortfolioInput, labels: Labels): Month[] {
  const months = monthsBetween(input.from, input.to, labels);
  if (months.length <= WHOLE_PERIOD_MONTHS) return months;
  const held = prepared.map(({ dialogue }) => dialogue.heldOn).filter((day) => day >= input.from && day <= input.to).sort();
  if (held.length === 0) return [];
  return monthsBetween(`${held[0]!.slice(0, 7)}-01`, held[held.length - 1]!, labels);
}

function competenceOverview(prepared: Prepared[], input: PortfolioInput, labels: Labels): FileChild[] {
  const months = overviewMonths(prepared, input, labels);
  const counts = new Map<string, Record<Competence, number>>();
  for (const { dialogue, passages } of prepared) {
    const key = monthKey(dialogue.heldOn);
    if (key === null) continue;
    const month = counts.get(key) ?? competenceCounts([]);
    const add = competenceCounts(passages);
    for (const competence of COMPETENCES) month[competence] += add[competence];
    counts.set(key, month);
  }
  const chunks: Month[][] = [];
  for (let start = 0; start < months.length; start += MONTHS_PER_TABLE) chunks.push(months.slice(start, start + MONTHS_PER_TABLE));
  return [
    heading(labels.doc.portfolio.competences, 1, { pageBreakBefore: true }),
    note(labels.doc.portfolio.competencesHint),
    ...chunks.flatMap((chunk, index) => [
      ...(index > 0 ? [styled('', STYLE.tableText)] : []),
      dataTable([
        { header: labels.doc.columns.competence, share: 0.3 },
        ...chunk.map((month) => ({ header: month.label, share: 0.7 / chunk.length, center: true })),
      ], COMPETENCES.map((competence) => [
        labels.dialogue.competences[competence],
        ...chunk.map((month) => String(counts.get(month.key)?.[competence] ?? 0)),
      ])),
    ]),
  ];
}

function agreements(input: PortfolioInput, prepared: Prepared[], ctx: ExportContext, labels: Labels): FileChild[] {
  const { columns, portfolio, actionState } = labels.doc;
  const heldOn = new Map(prepared.map(({ dialogue }) => [dialogue.id, dialogue.heldOn]));
  const fromDialogue = (action: Action) => {
    const day = action.dialogueId ? heldOn.get(action.dialogueId) : undefined;
    return day ? longDate(day, labels) : labels.doc.none;
  };
  const open = input.actions.filter((action) => action.doneAt === null).sort(compareOpen);
  const done = input.actions.filter((action) => action.doneAt !== null).sort(compareDone);
  return [
    heading(portfolio.actions, 1, { pageBreakBefore: true }),
    heading(portfolio.openActions, 2),
    open.length === 0 ? note(portfolio.noOpenActions) : dataTable([
      { header: columns.action, share: 0.45 },
      { header: columns.owner, share: 0.12 },
      { header: columns.due, share: 0.25 },
      { header: columns.dialogue, share: 0.18 },
    ], open.map((action) => [
      action.text,
      ownerLabel(action, labels),
      isOverdue(action, ctx.now) ? `${dueLabel(action, labels)} (${actionState.overdue})` : dueLabel(action, labels),
      fromDialogue(action),
    ])),
    heading(portfolio.doneActions, 2),
    done.length === 0 ? note(portfolio.noDoneActions) : dataTable([
      { header: columns.action, share: 0.45 },
      { header: columns.owner, share: 0.12 },
      { header: columns.doneOn, share: 0.25 },
      { header: columns.dialogue, share: 0.18 },
    ], done.map((action) => [action.text, ownerLabel(action, labels), longDate(action.doneAt!, labels), fromDialogue(action)])),
  ];
}

export async function buildPortfolio(input: PortfolioInput, options: PortfolioOptions, ctx: ExportContext): Promise<Buffer> {
  const labels = labelsFor(ctx.language);
  const prepared = prepare(input, options, ctx);
  const writer: Writer = { lists: new ListInstances(), footnotes: new Footnotes(), labels };
  const text = textChapters(prepared, options.sections ?? DEFAULT_PORTFOLIO_SECTIONS, writer);
  const children: FileChild[] = [
    ...cover(input, ctx, labels),
    ...contents(labels),
    ...timeline(prepared, labels),
    ...text,
    ...boundaries(prepared, writer.footnotes.count > 0, labels),
    ...competenceOverview(prepared, input, labels),
    ...agreements(input, prepared, ctx, labels),
  ];
  const document = wordDocument({
    title: `${labels.doc.portfolio.title} — ${input.student.displayName}`,
    description: fill(labels.doc.portfolio.description, { name: input.student.displayName }),
    children,
    footnotes: writer.footnotes.all,
    updateFields: true,
  }, ctx, labels);
  return packDeterministic(document, ctx.now);
}
