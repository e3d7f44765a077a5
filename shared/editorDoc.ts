import { z } from 'zod';
import { PARTICIPANT_ROLES } from './domain';

/**
 * The dialogue document: what the Slate editor edits and the vault stores as JSON.
 * Top level: one `section` per template section. Inside: paragraphs (optionally a speaker
 * turn) and lists. Tags are marks on text leaves keyed per annotation (`ann_<id>: true`), so
 * they travel with their words through edits and may overlap; their code and memo live in the
 * annotations table.
 */
export const ANNOTATION_MARK_PREFIX = 'ann_';

export interface TextLeaf {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A transient search-hit decoration; never stored (decorations are not in the document). */
  highlight?: boolean;
  /** A transient decoration on the turn being played back; never stored. */
  playing?: boolean;
  [mark: `ann_${string}`]: boolean | undefined;
}
/**
 * `startMs`: where the turn starts in the dialogue's audio or in the transcript it came from
 * (VTT/SRT cue, whisper segment); it lets playback follow the text. Absent for typed turns.
 */
export interface ParagraphNode { type: 'paragraph'; speaker?: string; role?: (typeof PARTICIPANT_ROLES)[number]; startMs?: number; children: TextLeaf[] }
export interface ListItemNode { type: 'list-item'; children: TextLeaf[] }
export interface ListNode { type: 'bulleted-list' | 'numbered-list'; children: ListItemNode[] }
export type BlockNode = ParagraphNode | ListNode;
export interface SectionNode { type: 'section'; sectionKey: string; children: BlockNode[] }
export type DialogueDoc = SectionNode[];

const MAX_TEXT = 200_000;

const Leaf = z.object({ text: z.string().max(MAX_TEXT), bold: z.boolean().optional(), italic: z.boolean().optional() })
  .catchall(z.boolean())
  .refine((leaf) => Object.keys(leaf).every((key) => ['text', 'bold', 'italic'].includes(key) || /^ann_[0-9a-f-]{36}$/.test(key)), { message: 'unknown_mark' });
const Paragraph = z.object({
  type: z.literal('paragraph'),
  speaker: z.string().max(200).optional(),
  role: z.enum(PARTICIPANT_ROLES).optional(),
  // At most 24 h: no recording or transcript the app accepts is longer.
  startMs: z.number().int().min(0).max(86_400_000).optional(),
  children: z.array(Leaf).min(1),
});
const ListItem = z.object({ type: z.literal('list-item'), children: z.array(Leaf).min(1) });
const List = z.object({ type: z.enum(['bulleted-list', 'numbered-list']), children: z.array(ListItem).min(1) });
const Section = z.object({
  type: z.literal('section'),
  sectionKey: z.string().min(1).max(80),
  children: z.array(z.union([Paragraph, List])).min(1),
});
// zod infers a looser leaf type (its catch-all clashes with `text`); the runtime check is the same.
export const BlockSchema = z.union([Paragraph, List]) as unknown as z.ZodType<BlockNode>;
export const DialogueDocSchema = z.array(Section).max(100) as unknown as z.ZodType<DialogueDoc>;

export function emptyParagraph(): ParagraphNode {
  return { type: 'paragraph', children: [{ text: '' }] };
}

export function emptyDoc(sectionKeys: readonly string[]): DialogueDoc {
  return sectionKeys.map((sectionKey) => ({ type: 'section', sectionKey, children: [emptyParagraph()] }));
}

function blockLines(block: BlockNode): string[] {
  if (block.type === 'paragraph') return [block.children.map((leaf) => leaf.text).join('')];
  return block.children.map((item) => item.children.map((leaf) => leaf.text).join(''));
}

/** Plain text of one section, one line per paragraph or list item. */
export function sectionText(section: SectionNode): string {
  return section.children.flatMap(blockLines).join('\n');
}

export function docText(doc: DialogueDoc): string {
  return doc.map(sectionText).join('\n\n');
}

/** Words as a reader counts them: runs of letters or digits (so "cliënt" is one word). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Annotation ids marked on a leaf. */
export function leafAnnotationIds(leaf: TextLeaf): string[] {
  return Object.keys(leaf)
    .filter((key) => key.startsWith(ANNOTATION_MARK_PREFIX) && leaf[key as `ann_${string}`] === true)
    .map((key) => key.slice(ANNOTATION_MARK_PREFIX.length));
}

function* textRuns(doc: DialogueDoc): Generator<TextLeaf[]> {
  for (const section of doc) {
    for (const block of section.children) {
      if (block.type === 'paragraph') yield block.children;
      else for (const item of block.children) yield item.children;
    }
  }
}

/**
 * The words each annotation covers, in document order. Adjacent marked leaves in one paragraph
 * form one fragment; separate fragments are joined with " … ". Annotations whose words were all
 * deleted are absent: they are orphans.
 */
export function annotationQuotes(doc: DialogueDoc): Map<string, string> {
  const fragments = new Map<string, string[]>();
  for (const leaves of textRuns(doc)) {
    let previous = new Set<string>();
    for (const leaf of leaves) {
      const ids = new Set(leafAnnotationIds(leaf));
      for (const id of ids) {
        const list = fragments.get(id) ?? [];
        if (previous.has(id)) list[list.length - 1] += leaf.text;
        else list.push(leaf.text);
        fragments.set(id, list);
      }
      previous = ids;
    }
  }
  const quotes = new Map<string, string>();
  for (const [id, list] of fragments) {
    const quote = list.map((part) => part.trim()).filter(Boolean).join(' … ');
    if (quote) quotes.set(id, quote);
  }
  return quotes;
}

/** Removes marks of annotations that no longer exist (for example after their code was deleted). */
export function stripUnknownAnnotations(doc: DialogueDoc, known: ReadonlySet<string>): DialogueDoc {
  const cleanLeaf = (leaf: TextLeaf): TextLeaf => {
    const ids = leafAnnotationIds(leaf);
    if (ids.every((id) => known.has(id))) return leaf;
    const next: TextLeaf = { ...leaf };
    for (const id of ids) if (!known.has(id)) delete next[`${ANNOTATION_MARK_PREFIX}${id}`];
    return next;
  };
  // Unchanged nodes stay the same objects: the autosave finds what changed by identity (docPatch.ts).
  const same = <T>(before: readonly T[], after: T[]): boolean => after.every((node, index) => node === before[index]);
  const cleanItem = (item: ListItemNode): ListItemNode => {
    const children = item.children.map(cleanLeaf);
    return same(item.children, children) ? item : { ...item, children };
  };
  const cleanBlock = (block: BlockNode): BlockNode => {
    if (block.type === 'paragraph') {
      const children = block.children.map(cleanLeaf);
      return same(block.children, children) ? block : { ...block, children };
    }
    const children = block.children.map(cleanItem);
    return same(block.children, children) ? block : { ...block, children };
  };
  return doc.map((section) => {
    const children = section.children.map(cleanBlock);
    return same(section.children, children) ? section : { ...section, children };
  });
}
