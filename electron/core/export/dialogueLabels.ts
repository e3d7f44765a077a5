import type { Dialogue } from '../../../shared/dialogueSchemas';
import { templateName } from '../domain/localise';
import { longDate } from './dates';
import type { ExportedSection } from './dialogueContent';
import { fill, type Labels } from './labels';

/** How a dialogue is named in both documents: its title, its status, its section headings. */

export function dialogueTitle(dialogue: Dialogue, labels: Labels): string {
  return dialogue.title.trim() || templateName(dialogue.template.name, dialogue.template.builtinKey, labels.language);
}

export function statusLabel(dialogue: Dialogue, labels: Labels): string {
  if (dialogue.status === 'draft') return labels.dialogue.status.draft;
  return dialogue.finalisedAt ? fill(labels.doc.facts.finalOn, { date: longDate(dialogue.finalisedAt, labels) }) : labels.dialogue.status.final;
}

/** A section title, marked when it is a private note the mentor chose to include. */
export function sectionTitle(entry: ExportedSection, labels: Labels): string {
  const base = entry.template?.title ?? entry.section.sectionKey;
  const mark = labels.doc.privateMark;
  // The built-in private section already says so in its title ("Notities mentor (privé)").
  return entry.isPrivate && !base.toLowerCase().includes(mark.toLowerCase()) ? `${base} ${mark}` : base;
}
