import {
  AlignmentType, Footer, Header, ImageRun, LineRuleType, PageNumber, PageOrientation, Paragraph, TabStopType, TextRun,
  type ISectionOptions,
} from 'docx';
import type { Logo } from '../../../shared/exportSchemas';
import type { ExportContext } from './exportModel';
import { fill, type Labels } from './labels';
import { PAGE, STYLE, TEXT_WIDTH } from './styles';
import { cleanLine } from './textSafety';

/** What surrounds the text on every page: A4 size and margins, school header, page-number footer. */

// docx measures inline images in pixels at 96 dpi.
const PX_PER_CM = 96 / 2.54;
const LOGO_HEIGHT_CM = 1.5;
/** A very wide logo is scaled down further, so it leaves room for the school name. */
const LOGO_MAX_WIDTH_CM = 6;

export function logoSize(logo: Pick<Logo, 'width' | 'height'>): { width: number; height: number } {
  const ratio = logo.width / logo.height;
  const heightCm = Math.min(LOGO_HEIGHT_CM, LOGO_MAX_WIDTH_CM / ratio);
  return { width: Math.round(heightCm * ratio * PX_PER_CM), height: Math.round(heightCm * PX_PER_CM) };
}

function logoRun(logo: Logo, school: string, labels: Labels): ImageRun {
  return new ImageRun({
    type: logo.mimeType === 'image/png' ? 'png' : 'jpg',
    data: Buffer.from(logo.dataBase64, 'base64'),
    transformation: logoSize(logo),
    // A fixed drawing id: docx otherwise counts ids across every document this process writes,
    // so the second export of the same dialogue would differ in bytes.
    altText: { id: '1', name: 'Logo', description: fill(labels.doc.logoAlt, { school }) },
  });
}

function header(ctx: ExportContext, labels: Labels): Header {
  const school = cleanLine(ctx.school.name).trim();
  const children = [
    ...(ctx.school.logo ? [logoRun(ctx.school.logo, school, labels)] : []),
    // The name sits at the right margin whether or not a logo stands at the left.
    ...(school ? [new TextRun({ text: '\t' }), new TextRun({ text: school, color: '595959', size: 20 })] : []),
  ];
  // Not the table-text style: its set line height would clip the logo to one line of text.
  return new Header({
    children: [new Paragraph({ spacing: { before: 0, after: 120, line: 240, lineRule: LineRuleType.AUTO }, tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }], children })],
  });
}

/** "Pagina X van Y": the catalog sentence split around its placeholders, which become fields. */
function footer(labels: Labels): Footer {
  const parts = labels.doc.page.split(/(\{\{current\}\}|\{\{total\}\})/).filter(Boolean);
  const runs = parts.map((part) => {
    if (part === '{{current}}') return new TextRun({ children: [PageNumber.CURRENT] });
    if (part === '{{total}}') return new TextRun({ children: [PageNumber.TOTAL_PAGES] });
    return new TextRun({ text: part });
  });
  return new Footer({ children: [new Paragraph({ style: STYLE.tableText, alignment: AlignmentType.CENTER, children: runs })] });
}

/** Twips per centimetre (1,440 per inch). */
const TWIPS_PER_CM = 1440 / 2.54;

export function pageFrame(ctx: ExportContext, labels: Labels): Pick<ISectionOptions, 'properties' | 'headers' | 'footers'> {
  // The header must fit between the header distance and the text: with a logo the top margin
  // grows by the logo's height, or LibreOffice clips the logo and Word overlaps the text.
  const logoTwips = ctx.school.logo ? Math.round((logoSize(ctx.school.logo).height / PX_PER_CM) * TWIPS_PER_CM) : 0;
  const top = Math.max(PAGE.margin.top, PAGE.margin.header + logoTwips + 340);
  return {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
        margin: { ...PAGE.margin, top, gutter: 0 },
      },
    },
    headers: { default: header(ctx, labels) },
    footers: { default: footer(labels) },
  };
}
