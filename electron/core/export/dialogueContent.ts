import type { Annotation, Code, Dialogue, TemplateSection } from '../../../shared/dialogueSchemas';
import { COMPETENCES, type Competence } from '../../../shared/domain';
import type { PortfolioRole } from '../../../shared/exportSchemas';
import { annotationQuotes, type DialogueDoc, type SectionNode } from '../../../shared/editorDoc';
import { isBlank } from './textSafety';

/**
 * What of a dialogue may appear in an export, decided once for both documents: private sections
 * are left out unless the mentor includes them, and so is everything derived from their words
 * (quotes, memos, counts), or a tag inside a private note would leak it through a table.
 */

export interface ExportedSection {
  section: SectionNode;
  /** Position in `dialogue.content`: how comment ranges find their leaves. */
  index: number;
  /** Null for a section the template version does not know; shown under its key. */
  template: TemplateSection | null;
  isPrivate: boolean;
}

/** The sections to show, in the order the editor shows them. */
export function exportedSections(dialogue: Dialogue, includePrivate: boolean): ExportedSection[] {
  const templates = new Map(dialogue.template.sections.map((section) => [section.key, section]));
  return dialogue.content.flatMap((section, index) => {
    const template = templates.get(section.sectionKey) ?? null;
    const isPrivate = template?.private ?? false;
    return isPrivate && !includePrivate ? [] : [{ section, index, template, isPrivate }];
  });
}

export interface Passage {
  annotation: Annotation;
  code: Code | null;
  /** The tagged words as they stand in the exported sections. */
  quote: string;
}

/**
 * Tagged passages in document order. The quote is taken from the exported sections, so it is
 * never private text; a tag whose words are all in a left-out section is left out. A tag with no
 * marks in the document at all (data saved before its words were) keeps its stored quote, as the
 * app counts it too. Words that are nothing once cleaned for Word (control characters) are no
 * passage: there would be nothing to quote or to hang a comment on.
 */
export function taggedPassages(dialogue: Dialogue, sections: ExportedSection[], codes: ReadonlyMap<string, Code>): Passage[] {
  const visible = annotationQuotes(sections.map((entry) => entry.section));
  const anywhere = annotationQuotes(dialogue.content as DialogueDoc);
  const byId = new Map(dialogue.annotations.map((annotation) => [annotation.id, annotation]));
  const passages: Passage[] = [];
  for (const [id, quote] of visible) {
    const annotation = byId.get(id);
    if (annotation && !isBlank(quote)) passages.push({ annotation, code: codes.get(annotation.codeId) ?? null, quote });
  }
  for (const annotation of dialogue.annotations) {
    if (!anywhere.has(annotation.id) && !isBlank(annotation.quote)) {
      passages.push({ annotation, code: codes.get(annotation.codeId) ?? null, quote: annotation.quote });
    }
  }
  return passages;
}

export const BOUNDARY_KEY = 'boundaryExperience';

export function isBoundary(passage: Passage): boolean {
  return passage.code?.builtinKey === BOUNDARY_KEY;
}

/** The competence a passage's code stands for (`competence:<key>`), if any. */
export function competenceOf(passage: Passage): Competence | null {
  const key = passage.code?.builtinKey;
  if (!key?.startsWith('competence:')) return null;
  const competence = key.slice('competence:'.length);
  return (COMPETENCES as readonly string[]).includes(competence) ? (competence as Competence) : null;
}

export function competenceCounts(passages: Passage[]): Record<Competence, number> {
  const counts = Object.fromEntries(COMPETENCES.map((competence) => [competence, 0])) as Record<Competence, number>;
  for (const passage of passages) {
    const competence = competenceOf(passage);
    if (competence) counts[competence] += 1;
  }
  return counts;
}

/** The dossier parts, in the order the vmbo exam programme names them. */
export const ACTIVITY_PARTS = ['goal', 'result', 'evaluation', 'follow-up'] as const;
export type ActivityPart = (typeof ACTIVITY_PARTS)[number];

/** A career-file activity: the built-in template, or any copy that kept its four sections. */
export function isActivity(dialogue: Dialogue): boolean {
  if (dialogue.template.builtinKey === 'dossier-activity') return true;
  const keys = new Set(dialogue.template.sections.map((section) => section.key));
  return ACTIVITY_PARTS.every((part) => keys.has(part));
}

/** What a dialogue is to the portfolio: an activity, the student's own reflection (internal), or an external conversation. */
export function portfolioRole(dialogue: Dialogue): PortfolioRole {
  if (isActivity(dialogue)) return 'activity';
  return dialogue.kind === 'internal' ? 'reflection' : 'external';
}
