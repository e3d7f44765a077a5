import { ANNOTATION_MARK_PREFIX, type ParagraphNode, type TextLeaf } from '../../../shared/editorDoc';

/**
 * A REFI-QDA source's plain text as dialogue paragraphs, with each tag as marks on exactly the
 * words its selections cover. Selections count Unicode code points (REFI-QDA 1.5, §10.2), the
 * document holds JavaScript strings (UTF-16), so every boundary is converted once. A line break
 * (`\n`, `\r\n` or `\r`) ends a paragraph; a selection may run over several paragraphs, and then
 * its words in each are marked (the break itself is not text in the editor).
 */

/** The UTF-16 index of each asked code-point position, in one pass over the text; positions beyond the text are absent. */
export function codePointUnits(text: string, positions: Iterable<number>): Map<number, number> {
  const wanted = [...new Set(positions)].filter((value) => Number.isSafeInteger(value) && value >= 0).sort((a, b) => a - b);
  const units = new Map<number, number>();
  let unit = 0;
  let point = 0;
  for (const target of wanted) {
    while (point < target && unit < text.length) {
      const code = text.charCodeAt(unit);
      // As codePointLength counts: a pair is one code point, a lone surrogate is one too.
      if (code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length) {
        const next = text.charCodeAt(unit + 1);
        if (next >= 0xdc00 && next <= 0xdfff) unit += 1;
      }
      unit += 1;
      point += 1;
    }
    if (point < target) break;
    units.set(target, unit);
  }
  return units;
}

export interface TextMark {
  /** The annotation id: the leaf mark is `ann_<id>`. */
  id: string;
  /** Code-point ranges, end exclusive. */
  ranges: readonly (readonly [number, number])[];
}

/** The editor's leaf text is bounded (editorDoc MAX_TEXT); a longer run is cut into several leaves. */
const MAX_LEAF = 100_000;

function pushLeaves(leaves: TextLeaf[], text: string, active: ReadonlyMap<string, number>): void {
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + MAX_LEAF);
    // Never between the two halves of a surrogate pair.
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!) && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
    const leaf: TextLeaf = { text: text.slice(at, end) };
    for (const id of active.keys()) leaf[`${ANNOTATION_MARK_PREFIX}${id}`] = true;
    leaves.push(leaf);
    at = end;
  }
}

export function textToParagraphs(text: string, marks: readonly TextMark[]): ParagraphNode[] {
  const units = codePointUnits(text, marks.flatMap((mark) => mark.ranges.flat()));
  // Boundary (UTF-16 index) → annotation ids starting / ending there.
  const events = new Map<number, { starts: string[]; ends: string[] }>();
  const at = (unit: number) => {
    let found = events.get(unit);
    if (!found) events.set(unit, (found = { starts: [], ends: [] }));
    return found;
  };
  for (const mark of marks) {
    for (const [start, end] of mark.ranges) {
      const from = units.get(start);
      const to = units.get(end);
      if (from === undefined || to === undefined || to <= from) continue;
      at(from).starts.push(mark.id);
      at(to).ends.push(mark.id);
    }
  }
  const positions = [...events.keys()].sort((a, b) => a - b);
  // A count per id: two parts of one passage may overlap.
  const active = new Map<string, number>();
  const apply = (unit: number) => {
    const event = events.get(unit)!;
    for (const id of event.ends) {
      const left = (active.get(id) ?? 1) - 1;
      if (left <= 0) active.delete(id);
      else active.set(id, left);
    }
    for (const id of event.starts) active.set(id, (active.get(id) ?? 0) + 1);
  };

  const paragraphs: ParagraphNode[] = [];
  let next = 0;
  const breaks = /\r\n|\r|\n/g;
  let lineStart = 0;
  const line = (lineEnd: number) => {
    while (next < positions.length && positions[next]! <= lineStart) apply(positions[next++]!);
    const leaves: TextLeaf[] = [];
    let cursor = lineStart;
    while (next < positions.length && positions[next]! < lineEnd) {
      const boundary = positions[next++]!;
      pushLeaves(leaves, text.slice(cursor, boundary), active);
      apply(boundary);
      cursor = boundary;
    }
    pushLeaves(leaves, text.slice(cursor, lineEnd), active);
    paragraphs.push({ type: 'paragraph', children: leaves.length > 0 ? leaves : [{ text: '' }] });
  };
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    line(match.index);
    lineStart = match.index + match[0].length;
  }
  line(text.length);
  return paragraphs;
}
