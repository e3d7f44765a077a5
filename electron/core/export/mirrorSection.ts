import type { FileChild } from 'docx';
import { conversationMirror, turnsOfDoc } from '../../../shared/conversationMirror';
import type { Dialogue } from '../../../shared/dialogueSchemas';
import { catalogs } from '../../../shared/i18n';
import type { ExportedSection } from './dialogueContent';
import { heading, note, styled } from './headings';
import { fillCounts, type Labels } from './labels';
import { STYLE } from './styles';
import { dataTable } from './tables';

/**
 * The conversation mirror as a short section of the Word summary, only when the mentor ticks it
 * ("Gespreksspiegel opnemen"), and only for a dialogue with speaker turns. It is computed from
 * the sections that go into the document, so a private section left out adds nothing to it.
 * Only the dialogue summary calls this: never the group report or the portfolio.
 */
export function mirrorSection(dialogue: Dialogue, sections: readonly ExportedSection[], labels: Labels): FileChild[] {
  const turns = turnsOfDoc(sections.map((entry) => entry.section));
  const mirror = conversationMirror({ turns, agreements: dialogue.actions.length });
  if (!mirror.hasSpeakers) return [];
  const text = catalogs[labels.language].mirror;
  const percent = new Intl.NumberFormat(labels.language, { style: 'percent', maximumFractionDigits: 0 });
  const role = (value: string | null) => (value ? ` (${labels.dialogue.roles[value as keyof typeof labels.dialogue.roles]})` : '');
  const hasTime = mirror.shares.some((share) => share.timeShare !== null);
  const shareRows = mirror.shares.map((share) => [
    `${share.speaker}${role(share.role)}`,
    `${percent.format(share.wordShare)} (${share.words})`,
    ...(hasTime ? [share.timeShare === null ? labels.doc.none : percent.format(share.timeShare)] : []),
  ]);
  const stepRows = mirror.steps.map((step) => [
    text.stepNames[step.step],
    step.covered ? text.doc.yes : text.doc.no,
    step.found.map((cue) => `“${cue}”`).join(', ') || labels.doc.none,
  ]);
  return [
    heading(text.doc.title, 1),
    note(text.doc.intro),
    ...(mirror.noAgreement ? [styled(text.doc.noAgreement, STYLE.tableText, { bold: true })] : []),
    dataTable([
      { header: text.doc.speaker, share: 0.5 },
      { header: text.doc.words, share: 0.25, center: true },
      ...(hasTime ? [{ header: text.doc.time, share: 0.25, center: true }] : []),
    ], shareRows),
    styled(mirror.hasMentor ? fillCounts(labels.language, text.doc.questions, { open: mirror.open, closed: mirror.closed, unclear: mirror.unclear }) : text.doc.noMentor, STYLE.tableText),
    dataTable([
      { header: text.doc.step, share: 0.3 },
      { header: text.doc.covered, share: 0.2, center: true },
      { header: text.doc.cues, share: 0.5 },
    ], stepRows),
  ];
}
