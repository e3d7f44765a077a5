import type { DecodedText } from './decodeText';
import { isToolNote } from './toolNotes';
import type { SkipReason } from './turns';

/** Longer lines are skipped: no one speaks 100,000 characters in one breath, and the parsers' work stays bounded. */
export const MAX_LINE_CHARS = 100_000;

export interface Line {
  /** 1-based, as an editor shows it, so the mentor can find what was skipped. */
  no: number;
  text: string;
  blank: boolean;
  /** Set when the line must be skipped whatever its place in the file. */
  problem: Extract<SkipReason, 'too_long' | 'unreadable' | 'tool_note'> | null;
}

/** Lines of a text file; CRLF, CR and LF all end a line. */
export function readLines({ text, lossy }: DecodedText): Line[] {
  return toLines(text.split(/\r\n|\r|\n/), lossy);
}

/** Numbered lines from pieces that are already lines (e.g. the paragraphs of a .docx). */
export function toLines(texts: readonly string[], lossy = false): Line[] {
  return texts.map((text, index) => {
    const blank = text.trim() === '';
    let problem: Line['problem'] = null;
    if (!blank && text.length > MAX_LINE_CHARS) problem = 'too_long';
    else if (lossy && text.includes('\uFFFD')) problem = 'unreadable';
    else if (!blank && isToolNote(text)) problem = 'tool_note';
    return { no: index + 1, text, blank, problem };
  });
}

/** Runs of non-blank lines, as cues and NOTE blocks are separated in VTT and SRT. */
export function splitBlocks(lines: readonly Line[]): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.blank) {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}
