import { Paragraph, Tab, TextRun } from 'docx';
import { cleanText, isMainlyRtl } from './textSafety';

/**
 * Text to Word runs. All user text reaches the document through here, so cleaning, line
 * breaks, tabs and right-to-left handling happen in one place.
 */

/** `style`: a character style id (styles.ts), e.g. the mark on a boundary experience. */
export interface RunFormat { bold?: boolean; italic?: boolean; style?: string | undefined }

/**
 * Runs for one piece of text: a newline becomes a line break (in `w:t` Word would show it as a
 * space), a tab a real tab. Mainly right-to-left text is marked so Word orders it correctly;
 * complex-script bold/italic go with it because Word formats RTL runs by those.
 */
export function textRuns(text: string, format: RunFormat = {}): TextRun[] {
  const clean = cleanText(text);
  if (clean === '') return [];
  const rtl = isMainlyRtl(clean);
  const style = {
    style: format.style,
    bold: format.bold || undefined,
    italics: format.italic || undefined,
    ...(rtl ? { rightToLeft: true, boldComplexScript: format.bold || undefined, italicsComplexScript: format.italic || undefined } : {}),
  };
  return clean.split('\n').map((line, index) => new TextRun({
    ...style,
    break: index > 0 ? 1 : undefined,
    children: line.split('\t').flatMap((part, partIndex) => (partIndex > 0 ? [new Tab(), part] : [part])).filter((part) => part !== ''),
  }));
}

/** Plain text as paragraphs, one per line: memos and amendments typed with Enter. */
export function textParagraphs(text: string, style?: string): Paragraph[] {
  return cleanText(text).split('\n').map((line) => new Paragraph({ style, bidirectional: isMainlyRtl(line) || undefined, children: textRuns(line) }));
}
