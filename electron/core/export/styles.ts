import {
  LineRuleType,
  AlignmentType, BorderStyle, LevelFormat, ShadingType, convertMillimetersToTwip,
  type INumberingOptions, type IStylesOptions,
} from 'docx';
import type { Language } from '../../../shared/domain';

/**
 * The look of every exported document, declared once. Builders refer to styles by id (Heading1,
 * Quote, …) instead of formatting text directly, so a school can restyle a document in Word
 * by changing a style, and the two document kinds stay alike.
 */

/** A font every Word and LibreOffice install has or substitutes metrically. */
export const FONT = 'Calibri';
const BODY_SIZE = 22; // half-points: 11 pt
const ACCENT = '1F4E79';
const MUTED = '595959';

export const STYLE = {
  title: 'Title',
  subtitle: 'Subtitle',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  quote: 'Quote',
  tableText: 'TableText',
  note: 'Note',
  contentsHeading: 'TOCHeading',
  /** Character style: words tagged as a boundary experience (grenservaring) in the portfolio. */
  boundaryMark: 'BoundaryMark',
} as const;

/** Word's language tags for spelling and hyphenation of the labels. */
const LANGUAGE_TAG: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export function documentStyles(language: Language): IStylesOptions {
  const heading = (size: number, before: number, outlineLevel: number) => ({
    run: { font: FONT, size, bold: true, color: ACCENT },
    // Headings stay with what follows; outline levels let the table of contents find them.
    paragraph: { spacing: { before, after: 80 }, keepNext: true, keepLines: true, outlineLevel },
  });
  return {
    default: {
      document: {
        run: { font: FONT, size: BODY_SIZE, language: { value: LANGUAGE_TAG[language] } },
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font: FONT, size: 44, bold: true, color: ACCENT }, paragraph: { spacing: { after: 200 } } },
      heading1: heading(32, 360, 0),
      heading2: heading(26, 240, 1),
      heading3: heading(BODY_SIZE, 160, 2),
    },
    paragraphStyles: [
      {
        id: STYLE.subtitle, name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true,
        run: { size: 30, color: MUTED }, paragraph: { spacing: { after: 240 } },
      },
      {
        // Quoted passages from the transcript: set off, so they read as the student's words.
        id: STYLE.quote, name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true,
        run: { italics: true, color: '404040' },
        paragraph: {
          indent: { left: convertMillimetersToTwip(3) },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A6A6A6', space: 6 } },
        },
      },
      {
        // Cells are narrow: no space after each paragraph, or every row gets a blank line.
        id: STYLE.tableText, name: 'Table Text', basedOn: 'Normal', quickFormat: true,
        run: { size: 20 }, paragraph: { spacing: { before: 0, after: 0, line: 252, lineRule: LineRuleType.AUTO } },
      },
      {
        id: STYLE.note, name: 'Note', basedOn: 'Normal', next: 'Normal',
        run: { italics: true, color: MUTED },
      },
      {
        // Not a heading style, so the table of contents does not list itself.
        id: STYLE.contentsHeading, name: 'TOC Heading', basedOn: 'Normal', next: 'Normal',
        run: { size: 32, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 160 } },
      },
    ],
    characterStyles: [
      {
        // Bold on a light amber fill: visible in print and in greyscale, not by colour alone.
        id: STYLE.boundaryMark, name: 'Boundary Mark', basedOn: 'DefaultParagraphFont', quickFormat: true,
        run: { bold: true, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFE8A3' } },
      },
    ],
  };
}

export const LIST = { bullets: 'ld-bullets', numbers: 'ld-numbers' } as const;

const indentFor = (level: number) => ({ left: convertMillimetersToTwip(6.35 * (level + 1)), hanging: convertMillimetersToTwip(6.35) });

/** The two list kinds of the editor; numbered lists restart per list through `instance`. */
export const NUMBERING: INumberingOptions = {
  config: [
    {
      reference: LIST.bullets,
      levels: [0, 1, 2].map((level) => ({
        level, format: LevelFormat.BULLET, text: ['•', '◦', '▪'][level]!, alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: indentFor(level) } },
      })),
    },
    {
      reference: LIST.numbers,
      levels: [0, 1, 2].map((level) => ({
        level, format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level]!,
        text: `%${level + 1}.`, alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: indentFor(level) } },
      })),
    },
  ],
};

/** Table look: thin grey grid, shaded bold header row. Applied by tables.ts to every table. */
export const TABLE_LOOK = {
  border: { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' },
  headerShading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DCE6F1' },
  labelShading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' },
  cellMargins: { top: 40, bottom: 40, left: 100, right: 100 },
} as const;

/** A4 portrait with 2 cm margins; measures in twips. */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 },
} as const;
/** Width between the margins: what tables and right-aligned tab stops span. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
