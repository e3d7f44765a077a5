import type { ICommentOptions } from 'docx';
import { leafAnnotationIds, type BlockNode, type TextLeaf } from '../../../shared/editorDoc';
import type { ExportedSection, Passage } from './dialogueContent';
import type { ExportContext } from './exportModel';
import type { Labels } from './labels';
import { textParagraphs } from './runs';
import { commentText } from './tagText';
import { cleanLine, isBlank } from './textSafety';

/**
 * Where Word comments open and close. One comment per tagged passage, from before its first
 * marked words to after its last, across paragraphs and sections if the passage does. Ranges
 * are worked out over the whole exported document first, because a passage can start in one
 * section and end in the next, while sections are turned into paragraphs one at a time.
 */

export interface CommentPlan {
  /** Comment ids to open before the leaf at a position (see `leafPosition`), in id order. */
  startsAt: ReadonlyMap<string, number[]>;
  /** Comment ids to close after the leaf at a position; the last opened closes first, so ranges nest where they can. */
  endsAt: ReadonlyMap<string, number[]>;
  comments: ICommentOptions[];
}

/** A leaf's place: its section's index in the dialogue, the block, the list item (-1 in a paragraph), the leaf. */
export function leafPosition(section: number, block: number, item: number, leaf: number): string {
  return `${section}:${block}:${item}:${leaf}`;
}

/** Every leaf of a section's blocks with its position, in document order. */
export function* leavesOf(blocks: BlockNode[], section: number): Generator<[string, TextLeaf]> {
  for (const [blockIndex, block] of blocks.entries()) {
    if (block.type === 'paragraph') {
      for (const [leafIndex, leaf] of block.children.entries()) yield [leafPosition(section, blockIndex, -1, leafIndex), leaf];
    } else {
      for (const [itemIndex, item] of block.children.entries()) {
        for (const [leafIndex, leaf] of item.children.entries()) yield [leafPosition(section, blockIndex, itemIndex, leafIndex), leaf];
      }
    }
  }
}

/** Word shows initials beside a comment: the first letters of the author's names, at most three. */
function initialsOf(author: string): string | undefined {
  const initials = author.split(/\s+/).map((word) => word.match(/\p{L}/u)?.[0] ?? '').join('').slice(0, 3).toUpperCase();
  return initials || undefined;
}

export function planComments(sections: ExportedSection[], passages: Passage[], ctx: ExportContext, labels: Labels): CommentPlan {
  const byId = new Map(passages.map((passage) => [passage.annotation.id, passage]));
  const spans = new Map<string, { first: string; last: string }>();
  for (const { section, index } of sections) {
    for (const [position, leaf] of leavesOf(section.children, index)) {
      // Ranges open and close on words: blank leaves may sit in a section shown as "not filled in",
      // whose paragraphs are not written, and a range end without its start makes Word repair the file.
      if (isBlank(leaf.text)) continue;
      for (const id of leafAnnotationIds(leaf)) {
        if (!byId.has(id)) continue;
        const span = spans.get(id);
        if (span) span.last = position;
        else spans.set(id, { first: position, last: position });
      }
    }
  }

  const startsAt = new Map<string, number[]>();
  const endsAt = new Map<string, number[]>();
  const comments: ICommentOptions[] = [];
  // Word's schema requires an author on every comment; without a mentor's name it says who wrote it.
  const author = cleanLine(ctx.author).trim() || labels.doc.portfolio.mentor;
  // Ids in order of first appearance; Map iteration keeps that order.
  [...spans].forEach(([annotationId, span], commentId) => {
    startsAt.set(span.first, [...(startsAt.get(span.first) ?? []), commentId]);
    endsAt.set(span.last, [commentId, ...(endsAt.get(span.last) ?? [])]);
    comments.push({
      id: commentId,
      author,
      initials: initialsOf(author),
      date: ctx.now,
      children: textParagraphs(commentText(byId.get(annotationId)!, labels)),
    });
  });
  return { startsAt, endsAt, comments };
}
