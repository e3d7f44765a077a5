import { HeadingLevel, Paragraph } from 'docx';
import { textRuns } from './runs';
import { STYLE } from './styles';
import { isMainlyRtl } from './textSafety';

/** Paragraph kinds the builders compose documents from, each bound to its named style. */

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

export function heading(text: string, level: 1 | 2 | 3, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    heading: LEVELS[level],
    pageBreakBefore: options.pageBreakBefore || undefined,
    bidirectional: isMainlyRtl(text) || undefined,
    children: textRuns(text),
  });
}

export function title(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: isMainlyRtl(text) || undefined, children: textRuns(text) });
}

export function styled(text: string, style: string, options: { bold?: boolean; keepNext?: boolean; pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    style,
    keepNext: options.keepNext || undefined,
    pageBreakBefore: options.pageBreakBefore || undefined,
    bidirectional: isMainlyRtl(text) || undefined,
    children: textRuns(text, { bold: options.bold }),
  });
}

/** A short remark in place of something empty ("Geen grenservaringen getagd."). */
export function note(text: string): Paragraph {
  return styled(text, STYLE.note);
}
