import {
  CommentRangeEnd, CommentRangeStart, CommentReference, FootnoteReferenceRun, Paragraph, TextRun,
  type ParagraphChild,
} from 'docx';
import { leafAnnotationIds, type BlockNode, type ListNode, type ParagraphNode, type SectionNode, type TextLeaf } from '../../../shared/editorDoc';
import type { MarkPlan } from './boundaryMarks';
import { leafPosition, type CommentPlan } from './commentRanges';
import type { Labels } from './labels';
import { textRuns } from './runs';
import { LIST, STYLE } from './styles';
import { cleanLine, cleanText, isBlank, isMainlyRtl } from './textSafety';

/**
 * One section of the editor's document as Word paragraphs: speaker turns, bold and italic,
 * lists, and (when a comment plan is given) the comment ranges around tagged words, or (when
 * a mark plan is given) boundary experiences marked with a footnote.
 */

/**
 * Numbered lists each count from 1, so each needs its own list instance, unique in the whole
 * document. One counter per document keeps the numbers deterministic (docx would otherwise
 * number restarted lists from a counter shared by every document the process writes).
 */
export class ListInstances {
  private last = 0;
  next(): number {
    this.last += 1;
    return this.last;
  }
}

export interface SectionRenderOptions {
  /** The section's index in `dialogue.content`, to find its comment ranges. */
  sectionIndex: number;
  /** Comment ranges to write, or null for plain text. */
  comments: CommentPlan | null;
  /** Boundary experiences to mark, or absent for plain text. */
  marks?: MarkPlan | null;
  lists: ListInstances;
  labels: Labels;
}

function isMarked(leaf: TextLeaf, marks: MarkPlan | null | undefined): boolean {
  return Boolean(marks && marks.marked.size > 0 && leafAnnotationIds(leaf).some((id) => marks.marked.has(id)));
}

function leafChildren(leaf: TextLeaf, position: string, options: SectionRenderOptions): ParagraphChild[] {
  const { comments, marks } = options;
  const starts = comments?.startsAt.get(position) ?? [];
  const ends = comments?.endsAt.get(position) ?? [];
  const notes = marks?.notesAt.get(position) ?? [];
  return [
    ...starts.map((id) => new CommentRangeStart(id)),
    ...textRuns(leaf.text, { bold: leaf.bold, italic: leaf.italic, style: isMarked(leaf, marks) ? STYLE.boundaryMark : undefined }),
    // The reference run after the range's end is where Word anchors the comment balloon.
    ...ends.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]),
    ...notes.map((id) => new FootnoteReferenceRun(id)),
  ];
}

function leavesChildren(leaves: TextLeaf[], positionOf: (leaf: number) => string, options: SectionRenderOptions): ParagraphChild[] {
  return leaves.flatMap((leaf, index) => leafChildren(leaf, positionOf(index), options));
}

const isRtl = (leaves: TextLeaf[]) => isMainlyRtl(cleanText(leaves.map((leaf) => leaf.text).join('')));

/** "Naam (rol): " before a transcript turn; the role in the document's language. */
function speakerLabel(node: ParagraphNode, labels: Labels): TextRun[] {
  const speaker = cleanLine(node.speaker ?? '').trim();
  if (!speaker) return [];
  const label = node.role ? `${speaker} (${labels.dialogue.roles[node.role]}): ` : `${speaker}: `;
  return textRuns(label, { bold: true });
}

function paragraph(node: ParagraphNode, blockIndex: number, options: SectionRenderOptions): Paragraph {
  return new Paragraph({
    bidirectional: isRtl(node.children) || undefined,
    children: [
      ...speakerLabel(node, options.labels),
      ...leavesChildren(node.children, (leaf) => leafPosition(options.sectionIndex, blockIndex, -1, leaf), options),
    ],
  });
}

function list(node: ListNode, blockIndex: number, options: SectionRenderOptions): Paragraph[] {
  const numbering = node.type === 'numbered-list'
    ? { reference: LIST.numbers, level: 0, instance: options.lists.next() }
    : { reference: LIST.bullets, level: 0 };
  return node.children.map((item, itemIndex) => new Paragraph({
    numbering,
    bidirectional: isRtl(item.children) || undefined,
    children: leavesChildren(item.children, (leaf) => leafPosition(options.sectionIndex, blockIndex, itemIndex, leaf), options),
  }));
}

function block(node: BlockNode, blockIndex: number, options: SectionRenderOptions): Paragraph[] {
  return node.type === 'paragraph' ? [paragraph(node, blockIndex, options)] : list(node, blockIndex, options);
}

export function sectionToParagraphs(section: SectionNode, options: SectionRenderOptions): Paragraph[] {
  return section.children.flatMap((node, index) => block(node, index, options));
}

/** Whether a section has any text to show; an untouched section holds one empty paragraph. */
export function sectionHasText(section: SectionNode): boolean {
  const hasWords = (leaves: TextLeaf[]) => leaves.some((leaf) => !isBlank(leaf.text));
  return section.children.some((node) => (node.type === 'paragraph'
    ? !isBlank(node.speaker ?? '') || hasWords(node.children)
    : node.children.some((item) => hasWords(item.children))));
}
