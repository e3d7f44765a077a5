import type { Paragraph } from 'docx';
import { leafAnnotationIds } from '../../../shared/editorDoc';
import { leavesOf } from './commentRanges';
import { isBoundary, type ExportedSection, type Passage } from './dialogueContent';
import type { Labels } from './labels';
import { textParagraphs } from './runs';
import { commentText } from './tagText';
import { isBlank } from './textSafety';

/**
 * Boundary experiences marked in running text (the portfolio): the tagged words in the
 * BoundaryMark character style, and after the passage's last words a footnote that names the
 * dilemma type, the context and the memo, as a comment in the summary does. Works on the
 * sections that are written, so a footnote never points at words left out.
 */

export interface MarkPlan {
  /** Annotation ids whose words are marked. */
  marked: ReadonlySet<string>;
  /** Footnote ids to place after the leaf at a position (see `leafPosition`). */
  notesAt: ReadonlyMap<string, number[]>;
}

/** The document's footnotes, numbered from 1 in the order they are planned (deterministic). */
export class Footnotes {
  private readonly notes: Record<string, { children: Paragraph[] }> = {};
  private last = 0;

  add(text: string): number {
    this.last += 1;
    this.notes[String(this.last)] = { children: textParagraphs(text) };
    return this.last;
  }

  get all(): Record<string, { children: Paragraph[] }> {
    return this.notes;
  }

  get count(): number {
    return this.last;
  }
}

export function planBoundaryMarks(sections: ExportedSection[], passages: Passage[], footnotes: Footnotes, labels: Labels): MarkPlan {
  const boundary = new Map(passages.filter(isBoundary).map((passage) => [passage.annotation.id, passage]));
  const last = new Map<string, string>();
  for (const { section, index } of sections) {
    for (const [position, leaf] of leavesOf(section.children, index)) {
      if (isBlank(leaf.text)) continue;
      for (const id of leafAnnotationIds(leaf)) if (boundary.has(id)) last.set(id, position);
    }
  }
  const notesAt = new Map<string, number[]>();
  // Map order is first appearance of each passage, so notes are numbered as they are read.
  for (const [id, position] of last) {
    const note = footnotes.add(commentText(boundary.get(id)!, labels));
    notesAt.set(position, [...(notesAt.get(position) ?? []), note]);
  }
  return { marked: new Set(last.keys()), notesAt };
}
