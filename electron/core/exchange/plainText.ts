import type { Dialogue } from '../../../shared/dialogueSchemas';
import { leafAnnotationIds, type BlockNode, type TextLeaf } from '../../../shared/editorDoc';
import { exportedSections } from '../export/dialogueContent';

/**
 * A dialogue as the plain text of a REFI-QDA TextSource, and where each tagged passage lies in it.
 *
 * REFI-QDA 1.5, §10.2: "Selections in a text file are defined by the first and the last
 * character (Unicode codepoint) in the file. The first codepoint in the file has the number 0."
 * JavaScript strings count UTF-16 code units, so an emoji or a rare CJK character would shift
 * every later offset by one; positions here are counted in code points. The end is exclusive
 * (the first code point after the selection), as QualCoder, ATLAS.ti and MAXQDA write it.
 */

export interface Fragment {
  annotationId: string;
  /** 0-based: the fragment's n-th contiguous run of words, in document order. */
  part: number;
  start: number;
  end: number;
  text: string;
}

export interface SourceText {
  text: string;
  /** Every contiguous run of tagged words, trimmed as the annotation's quote trims them. */
  fragments: Fragment[];
}

export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; a lone one counts as one too
    // (it is written as U+FFFD, also one code point).
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

// A lone surrogate cannot be written as UTF-8; Node would write U+FFFD, so it is replaced
// here, before counting, and the text file holds exactly what was counted.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

interface Line { prefix: string; leaves: TextLeaf[] }

function blockLines(block: BlockNode, speakerName: (speaker: string) => string): Line[] {
  if (block.type === 'paragraph') {
    return [{ prefix: block.speaker ? `${speakerName(block.speaker)}: ` : '', leaves: block.children }];
  }
  return block.children.map((item, index) => ({
    prefix: block.type === 'numbered-list' ? `${index + 1}. ` : '- ',
    leaves: item.children,
  }));
}

/**
 * The text: each exported section as its title on a line, then one line per paragraph or list
 * item (a speaker turn as "Name: words", list items with "- " or "1. "), sections separated by
 * an empty line. Private sections are absent unless included, and with them every passage (or
 * part of one) in them.
 */
export function sourceText(dialogue: Dialogue, includePrivate: boolean): SourceText {
  const parts: string[] = [];
  let position = 0;
  const fragments: Fragment[] = [];
  const partsSoFar = new Map<string, number>();
  const push = (text: string) => {
    const cleaned = clean(text);
    parts.push(cleaned);
    position += codePointLength(cleaned);
  };
  const speakerName = (speaker: string) => speaker.replace(/[\r\n]+/g, ' ');

  exportedSections(dialogue, includePrivate).forEach(({ section, template }, sectionIndex) => {
    if (sectionIndex > 0) push('\n\n');
    push(template?.title ?? section.sectionKey);
    for (const block of section.children) {
      for (const line of blockLines(block, speakerName)) {
        push('\n');
        push(line.prefix);
        // Open runs: annotation id → where its current run started and the words so far.
        let open = new Map<string, { start: number; text: string }>();
        const flush = (id: string, run: { start: number; text: string }) => {
          // Trimmed as the stored quote trims each part, so the selection is the quoted words.
          const leading = codePointLength(run.text.match(/^\s*/)![0]);
          const trimmed = run.text.trim();
          if (!trimmed) return;
          const part = partsSoFar.get(id) ?? 0;
          partsSoFar.set(id, part + 1);
          const start = run.start + leading;
          fragments.push({ annotationId: id, part, start, end: start + codePointLength(trimmed), text: trimmed });
        };
        for (const leaf of line.leaves) {
          const text = clean(leaf.text);
          const ids = new Set(leafAnnotationIds(leaf));
          const next = new Map<string, { start: number; text: string }>();
          for (const [id, run] of open) {
            if (ids.has(id)) next.set(id, { start: run.start, text: run.text + text });
            else flush(id, run);
          }
          for (const id of ids) if (!next.has(id)) next.set(id, { start: position, text });
          open = next;
          push(text);
        }
        for (const [id, run] of open) flush(id, run);
      }
    }
  });
  // Document order of starts, so the file lists selections as a reader meets them.
  fragments.sort((a, b) => a.start - b.start || a.end - b.end || a.annotationId.localeCompare(b.annotationId));
  return { text: parts.join(''), fragments };
}
