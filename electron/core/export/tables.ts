import {
  AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType,
} from 'docx';
import { STYLE, TABLE_LOOK, TEXT_WIDTH } from './styles';
import { textRuns } from './runs';
import { cleanText, isMainlyRtl } from './textSafety';

/**
 * Every table in the documents goes through here, so they share one look: full text width,
 * fixed column widths (a 5,000-letter word wraps instead of pushing the table off the page),
 * a thin grid, and a shaded header row that Word repeats on each page.
 */

/** A cell's content: plain text (line breaks kept), or paragraphs built elsewhere. */
export type CellContent = string | Paragraph[];

export interface Column {
  header: string;
  /** Share of the text width, relative to the other columns' shares. */
  share: number;
  /** Cell paragraphs in the Quote style (passages from the transcript). */
  quote?: boolean;
  /** Counts read best centred under their header. */
  center?: boolean;
}

const borders = {
  top: TABLE_LOOK.border, bottom: TABLE_LOOK.border, left: TABLE_LOOK.border, right: TABLE_LOOK.border,
  insideHorizontal: TABLE_LOOK.border, insideVertical: TABLE_LOOK.border,
};

function widths(shares: number[]): number[] {
  const total = shares.reduce((sum, share) => sum + share, 0);
  const result = shares.map((share) => Math.floor((share / total) * TEXT_WIDTH));
  // Rounding leftovers go to the last column, so the grid spans the text width exactly.
  result[result.length - 1]! += TEXT_WIDTH - result.reduce((sum, width) => sum + width, 0);
  return result;
}

interface CellOptions { header?: boolean; label?: boolean; quote?: boolean; center?: boolean }

function paragraphs(content: CellContent, options: CellOptions): Paragraph[] {
  const style = options.quote ? STYLE.quote : STYLE.tableText;
  // A cell needs at least one paragraph, or Word reports the file as damaged.
  if (typeof content !== 'string') return content.length > 0 ? content : [new Paragraph({ style })];
  const alignment = options.center ? AlignmentType.CENTER : undefined;
  return cleanText(content).split('\n').map((line) => new Paragraph({
    style, alignment, bidirectional: isMainlyRtl(line) || undefined, children: textRuns(line, { bold: options.header || options.label }),
  }));
}

function cell(content: CellContent, width: number, options: CellOptions = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: options.header ? TABLE_LOOK.headerShading : options.label ? TABLE_LOOK.labelShading : undefined,
    children: paragraphs(content, options),
  });
}

function table(rows: TableRow[], columnWidths: number[]): Table {
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders,
    // Once per table (w:tblCellMar) rather than on each cell (w:tcMar): the same look, and a
    // portfolio's thousands of cells no longer each carry four margins to build and write.
    margins: TABLE_LOOK.cellMargins,
  });
}

/** A table with a header row; `rows` must be as wide as `columns`. */
export function dataTable(columns: Column[], rows: CellContent[][]): Table {
  const columnWidths = widths(columns.map((column) => column.share));
  return table([
    new TableRow({
      tableHeader: true, cantSplit: true,
      children: columns.map((column, index) => cell(column.header, columnWidths[index]!, { header: true, center: column.center })),
    }),
    ...rows.map((row) => new TableRow({
      children: columns.map((column, index) => cell(row[index] ?? '', columnWidths[index]!, { quote: column.quote, center: column.center })),
    })),
  ], columnWidths);
}

/** Label–value pairs (the facts of a dialogue, the cover of a portfolio): labels shaded on the left. */
export function factsTable(pairs: [label: string, value: CellContent][]): Table {
  const columnWidths = widths([0.3, 0.7]);
  return table(pairs.map(([label, value]) => new TableRow({
    cantSplit: true,
    children: [cell(label, columnWidths[0]!, { label: true }), cell(value, columnWidths[1]!)],
  })), columnWidths);
}
