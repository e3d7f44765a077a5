import type { FileChild } from 'docx';
import type { Action, Code, Dialogue, Placement } from '../../../shared/dialogueSchemas';
import type { Language } from '../../../shared/domain';
import type { Student } from '../../../shared/schemas';
import { localiseCode, localiseTemplate } from '../domain/localise';
import { compareText, dueLabel, ownerLabel } from '../export/agreements';
import { longDate } from '../export/dates';
import { dialogueTitle, sectionTitle, statusLabel } from '../export/dialogueLabels';
import { exportedSections, taggedPassages } from '../export/dialogueContent';
import { packDeterministic } from '../export/deterministicZip';
import type { ExportContext } from '../export/exportModel';
import { heading, note, styled, title } from '../export/headings';
import { fill, labelsFor, type Labels } from '../export/labels';
import { textParagraphs } from '../export/runs';
import { ListInstances, sectionHasText, sectionToParagraphs } from '../export/slateToDocx';
import { STYLE } from '../export/styles';
import { dataTable, factsTable } from '../export/tables';
import { wordDocument } from '../export/wordDocument';

export interface AccessInput {
  student: Student;
  /** Oldest first, complete. */
  dialogues: Dialogue[];
  codes: Code[];
  actions: Action[];
  placements: Placement[];
  about: string;
}

const TEXT: Record<Language, { title: string; dialogues: string; passages: string; code: string; actions: string; placements: string; organisation: string; supervisor: string; period: string; none: string }> = {
  nl: {
    title: 'Inzage', dialogues: 'Gesprekken', passages: 'Gemarkeerde fragmenten', code: 'Code', actions: 'Afspraken',
    placements: 'Stages', organisation: 'Organisatie', supervisor: 'Praktijkbegeleider', period: 'Periode', none: 'Geen.',
  },
  en: {
    title: 'Access request', dialogues: 'Dialogues', passages: 'Tagged passages', code: 'Code', actions: 'Agreed actions',
    placements: 'Placements', organisation: 'Organisation', supervisor: 'Supervisor', period: 'Period', none: 'None.',
  },
};

function dialogueRecord(raw: Dialogue, student: Student, codes: ReadonlyMap<string, Code>, labels: Labels, language: Language): FileChild[] {
  const text = TEXT[language];
  const dialogue = { ...raw, template: localiseTemplate(raw.template, language) };
  // Everything, private sections included: the data subject may see all that is kept about them.
  const sections = exportedSections(dialogue, true);
  const passages = taggedPassages(dialogue, sections, codes);
  const facts = labels.doc.facts;
  const participants = dialogue.participants
    .map((participant) => fill(facts.participant, { name: participant.name.trim(), role: labels.dialogue.roles[participant.role] }))
    .join('\n');
  const lists = new ListInstances();
  const amendments = [...dialogue.amendments].sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
  return [
    heading(`${longDate(dialogue.heldOn, labels)} — ${dialogueTitle(dialogue, labels)}`, 1, { pageBreakBefore: true }),
    factsTable([
      [facts.student, student.displayName],
      [facts.kind, labels.dialogue.kinds[dialogue.kind]],
      [facts.template, fill(facts.templateVersion, { name: dialogue.template.name, version: dialogue.template.version })],
      [facts.participants, participants || labels.doc.none],
      [facts.status, statusLabel(dialogue, labels)],
    ]),
    ...sections.flatMap((entry) => [
      heading(sectionTitle(entry, labels), 2),
      ...(sectionHasText(entry.section)
        ? sectionToParagraphs(entry.section, { sectionIndex: entry.index, comments: null, lists, labels })
        : [note(labels.doc.notFilledIn)]),
    ]),
    heading(text.passages, 2),
    passages.length === 0 ? note(text.none) : dataTable([
      { header: labels.doc.columns.quote, share: 0.45, quote: true },
      { header: text.code, share: 0.2 },
      { header: labels.doc.columns.memo, share: 0.35 },
    ], passages.map((passage) => [passage.quote, passage.code?.name ?? '', passage.annotation.memo.trim()])),
    ...(amendments.length === 0 ? [] : [
      heading(labels.doc.summary.amendments, 2),
      ...amendments.flatMap((amendment) => [
        styled(fill(labels.doc.summary.amendedOn, { date: longDate(amendment.createdAt, labels) }), STYLE.tableText, { bold: true, keepNext: true }),
        ...textParagraphs(amendment.text),
      ]),
    ]),
  ];
}

/**
 * The Word document for an access request: every dialogue in full (private sections included),
 * its tagged passages and amendments, then all agreed actions and placements.
 */
export async function buildAccessDocument(input: AccessInput, ctx: ExportContext): Promise<Buffer> {
  const labels = labelsFor(ctx.language);
  const text = TEXT[ctx.language];
  const codes = new Map(input.codes.map((code): [string, Code] => [code.id, localiseCode(code, ctx.language)]));
  const columns = labels.doc.columns;
  const children: FileChild[] = [
    title(`${text.title} — ${input.student.displayName}`),
    ...textParagraphs(input.about),
    heading(text.dialogues, 1),
    ...(input.dialogues.length === 0 ? [note(text.none)] : []),
    ...input.dialogues.flatMap((dialogue) => dialogueRecord(dialogue, input.student, codes, labels, ctx.language)),
    heading(text.actions, 1, { pageBreakBefore: true }),
    input.actions.length === 0 ? note(text.none) : dataTable([
      { header: columns.action, share: 0.46 },
      { header: columns.owner, share: 0.14 },
      { header: columns.due, share: 0.2 },
      { header: columns.doneOn, share: 0.2 },
    ], input.actions.map((action) => [action.text, ownerLabel(action, labels), dueLabel(action, labels), action.doneAt ? longDate(action.doneAt, labels) : ''])),
    heading(text.placements, 1),
    input.placements.length === 0 ? note(text.none) : dataTable([
      { header: text.organisation, share: 0.4 },
      { header: text.supervisor, share: 0.3 },
      { header: text.period, share: 0.3 },
    ], input.placements.map((p) => [p.organisation, p.supervisor, [p.startDate, p.endDate].map((d) => (d ? longDate(d, labels) : '…')).join(' – ')])),
  ];
  const document = wordDocument({
    title: `${text.title} — ${input.student.displayName}`,
    description: text.title,
    children,
  }, ctx, labels);
  return packDeterministic(document, ctx.now);
}
