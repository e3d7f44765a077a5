import type { FileChild, ICommentOptions, Paragraph } from 'docx';
import type { Code, Dialogue } from '../../../shared/dialogueSchemas';
import { COMPETENCES } from '../../../shared/domain';
import { localiseCode, localiseTemplate } from '../domain/localise';
import { compareText, dueLabel, isOverdue, ownerLabel } from './agreements';
import { dialogueTitle, sectionTitle, statusLabel } from './dialogueLabels';
import { planComments, type CommentPlan } from './commentRanges';
import { competenceCounts, exportedSections, isBoundary, taggedPassages, type ExportedSection, type Passage } from './dialogueContent';
import { longDate } from './dates';
import { packDeterministic } from './deterministicZip';
import type { DialogueSummaryInput, DialogueSummaryOptions, ExportContext } from './exportModel';
import { heading, note, styled, title } from './headings';
import { fill, labelsFor, type Labels } from './labels';
import { mirrorSection } from './mirrorSection';
import { textParagraphs } from './runs';
import { ListInstances, sectionHasText, sectionToParagraphs } from './slateToDocx';
import { STYLE } from './styles';
import { dataTable, factsTable } from './tables';
import { contextLabel, dilemmaLabel } from './tagText';
import { wordDocument } from './wordDocument';

/**
 * The Word summary of one dialogue: its facts, the text per template section, then what the
 * tags and agreements add up to. Same input and clock, same bytes.
 */

function facts(input: DialogueSummaryInput, labels: Labels): FileChild[] {
  const { dialogue } = input;
  const { facts: text } = labels.doc;
  const participants = dialogue.participants
    .map((participant) => fill(text.participant, { name: participant.name.trim(), role: labels.dialogue.roles[participant.role] }))
    .join('\n');
  return [factsTable([
    [text.student, input.student.displayName],
    [text.date, longDate(dialogue.heldOn, labels)],
    [text.kind, labels.dialogue.kinds[dialogue.kind]],
    [text.template, fill(text.templateVersion, { name: dialogue.template.name, version: dialogue.template.version })],
    [text.participants, participants || labels.doc.none],
    [text.status, statusLabel(dialogue, labels)],
  ])];
}

function record(sections: ExportedSection[], comments: CommentPlan | null, labels: Labels): FileChild[] {
  const lists = new ListInstances();
  return [
    heading(labels.doc.summary.record, 1),
    ...sections.flatMap((entry): Paragraph[] => [
      heading(sectionTitle(entry, labels), 2),
      ...(sectionHasText(entry.section)
        ? sectionToParagraphs(entry.section, { sectionIndex: entry.index, comments, lists, labels })
        : [note(labels.doc.notFilledIn)]),
    ]),
  ];
}

function boundaryTable(passages: Passage[], labels: Labels): FileChild[] {
  const { columns, summary } = labels.doc;
  const rows = passages.filter(isBoundary).map((passage) => [
    passage.quote, dilemmaLabel(passage.annotation, labels), contextLabel(passage.annotation, labels), passage.annotation.memo.trim(),
  ]);
  return [
    heading(summary.boundary, 1),
    rows.length === 0 ? note(summary.noBoundary) : dataTable([
      { header: columns.quote, share: 0.37, quote: true },
      { header: columns.dilemmaType, share: 0.16 },
      { header: columns.context, share: 0.14 },
      { header: columns.memo, share: 0.33 },
    ], rows),
  ];
}

function competenceTable(passages: Passage[], labels: Labels): FileChild[] {
  const counts = competenceCounts(passages);
  const rows = COMPETENCES.filter((competence) => counts[competence] > 0)
    .map((competence) => [labels.dialogue.competences[competence], String(counts[competence])]);
  return [
    heading(labels.doc.summary.competences, 1),
    rows.length === 0 ? note(labels.doc.summary.noCompetences) : dataTable([
      { header: labels.doc.columns.competence, share: 0.7 },
      { header: labels.doc.columns.passages, share: 0.3, center: true },
    ], rows),
  ];
}

function actionsTable(dialogue: Dialogue, ctx: ExportContext, labels: Labels): FileChild[] {
  const { columns, actionState, summary } = labels.doc;
  const rows = dialogue.actions.map((action) => [
    action.text,
    ownerLabel(action, labels),
    dueLabel(action, labels),
    action.doneAt ? longDate(action.doneAt, labels) : isOverdue(action, ctx.now) ? `${actionState.notDone} (${actionState.overdue})` : actionState.notDone,
  ]);
  return [
    heading(summary.actions, 1),
    rows.length === 0 ? note(summary.noActions) : dataTable([
      { header: columns.action, share: 0.49 },
      { header: columns.owner, share: 0.13 },
      { header: columns.due, share: 0.19 },
      { header: columns.done, share: 0.19 },
    ], rows),
  ];
}

function amendments(dialogue: Dialogue, labels: Labels): FileChild[] {
  if (dialogue.amendments.length === 0) return [];
  const ordered = [...dialogue.amendments].sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
  return [
    heading(labels.doc.summary.amendments, 1),
    ...ordered.flatMap((amendment) => [
      styled(fill(labels.doc.summary.amendedOn, { date: longDate(amendment.createdAt, labels) }), STYLE.tableText, { bold: true, keepNext: true }),
      ...textParagraphs(amendment.text),
    ]),
  ];
}

export async function buildDialogueSummary(input: DialogueSummaryInput, options: DialogueSummaryOptions, ctx: ExportContext): Promise<Buffer> {
  const labels = labelsFor(ctx.language);
  const dialogue: Dialogue = { ...input.dialogue, template: localiseTemplate(input.dialogue.template, ctx.language) };
  const codes = new Map(input.codes.map((code): [string, Code] => [code.id, localiseCode(code, ctx.language)]));
  const sections = exportedSections(dialogue, options.includePrivate);
  const passages = taggedPassages(dialogue, sections, codes);
  const plan = options.tagsAsComments ? planComments(sections, passages, ctx, labels) : null;
  const comments: ICommentOptions[] = plan?.comments ?? [];
  const documentTitle = dialogueTitle(dialogue, labels);

  const children: FileChild[] = [
    title(documentTitle),
    heading(labels.doc.summary.details, 1),
    ...facts({ ...input, dialogue }, labels),
    ...record(sections, plan, labels),
    ...boundaryTable(passages, labels),
    ...competenceTable(passages, labels),
    ...actionsTable(dialogue, ctx, labels),
    ...(options.includeMirror ? mirrorSection(dialogue, sections, labels) : []),
    ...amendments(dialogue, labels),
  ];
  const document = wordDocument({
    title: documentTitle,
    description: `${labels.doc.summary.description} — ${input.student.displayName}`,
    children,
    comments,
  }, ctx, labels);
  return packDeterministic(document, ctx.now);
}
