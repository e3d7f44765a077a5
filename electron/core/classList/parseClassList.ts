import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { CLASS_LIST_LIMITS, type ClassListPreview, type ClassListSheet, type ClassListSkip } from '../../../shared/classListSchemas';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { decodeText } from '../import/decodeText';
import { readZipEntry, zipEntryNames } from '../import/zipEntry';
import { knownHeaderCount } from './headers';

/**
 * A class list file → its header and rows as text, or a named refusal. Runs inside the
 * `classListParse` job (a fresh worker with a heap cap and a deadline): the file is whatever the
 * mentor picked, and an .xlsx is a zip that may unpack to gigabytes.
 */

export type Delimiter = ';' | ',' | '\t';
export type Encoding = NonNullable<ClassListPreview['encoding']>;

export interface ParsedRow {
  /** 1-based, as a spreadsheet numbers its rows (a CSV record with a quoted line break is one row). */
  row: number;
  cells: string[];
}

export interface ParsedClassList {
  format: 'csv' | 'xlsx';
  encoding: Encoding | null;
  delimiter: Delimiter | null;
  headerRow: number;
  header: string[];
  rows: ParsedRow[];
  /** Rows that do not fit the header's columns (mixed delimiters), refused before any mapping. */
  skipped: ClassListSkip[];
  /** .xlsx only: the workbook's sheets in their order (at most `maxSheets`) and the one read. */
  sheets: ClassListSheet[];
  sheet: string | null;
  /** Sheets past `maxSheets`, not listed and not readable here. */
  sheetsOmitted: number;
}

const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// Stream names in an Office compound file are UTF-16LE; see import/officeContainer.ts.
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const TEXT_EXTENSIONS = new Set(['csv', 'txt', 'tsv']);
/** How far down a title line may push the header. */
const HEADER_SEARCH_ROWS = 10;

function extensionOf(fileName: string): string {
  const match = /\.([a-z0-9]{1,8})$/i.exec(fileName);
  return match ? match[1]!.toLowerCase() : '';
}

/** Whitespace (a quoted line break too) as one space; control characters out. */
export function cleanCell(value: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u0008\u000e-\u001f\u007f\u200b\ufeff]/g, '').replace(/\s+/g, ' ').trim();
  // One character more than a cell may hold, so that the planner can still see it was too long.
  return cleaned.length > CLASS_LIST_LIMITS.maxCellChars ? cleaned.slice(0, CLASS_LIST_LIMITS.maxCellChars + 1) : cleaned;
}

/**
 * `sheet` names the .xlsx sheet to read (the mentor's choice in the preview); without it the
 * first visible sheet with any filled cell is read. A CSV ignores it.
 */
export async function parseClassList(fileName: string, bytes: Buffer, sheet: string | null = null): Promise<ParsedClassList> {
  if (bytes.length > CLASS_LIST_LIMITS.maxBytes) throw new AppError('CLASS_LIST_TOO_LARGE', { maxMb: CLASS_LIST_LIMITS.maxBytes / 1024 / 1024 });
  const extension = extensionOf(fileName);
  if (bytes.length >= CFB_MAGIC.length && bytes.subarray(0, CFB_MAGIC.length).equals(CFB_MAGIC)) {
    // An Office compound file: a protected .xlsx, or an old .xls (also one renamed to .xlsx).
    throw new AppError(bytes.includes(ENCRYPTED_PACKAGE) ? 'CLASS_LIST_PROTECTED' : 'CLASS_LIST_OLD_EXCEL');
  }
  if (extension === 'xls') throw new AppError('CLASS_LIST_OLD_EXCEL');
  const isZip = bytes.length >= 4 && bytes.subarray(0, 4).equals(ZIP_MAGIC);
  if (extension === 'xlsx' || (isZip && TEXT_EXTENSIONS.has(extension))) {
    if (bytes.length === 0) throw new AppError('CLASS_LIST_EMPTY');
    const workbook = await readXlsxRows(bytes, sheet);
    return { ...tableOf('xlsx', null, null, workbook.rows, []), sheets: workbook.sheets, sheet: workbook.sheet, sheetsOmitted: workbook.omitted };
  }
  if (!TEXT_EXTENSIONS.has(extension)) throw new AppError('CLASS_LIST_UNSUPPORTED');
  return parseCsv(bytes);
}

// ---------------------------------------------------------------------------------------------
// CSV

function encodingOf(bytes: Buffer): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0)) return 'utf-16';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // decodeText took it as windows-1252, or as UTF-8 with a few damaged bytes (then so be it).
    return /[\u0080-\uffff]/.test(new TextDecoder('utf-8').decode(bytes).replace(/\ufffd/g, '')) ? 'utf-8' : 'windows-1252';
  }
}

function decode(bytes: Buffer): string {
  try {
    return decodeText(bytes).text.replace(/^\ufeff/, '');
  } catch (error) {
    if (error instanceof AppError && error.code === 'FILE_UNREADABLE') throw new AppError('CLASS_LIST_UNREADABLE', undefined, { cause: error });
    throw error;
  }
}

/** Delimiters outside quotes in one line. */
function countDelimiters(line: string): Record<Delimiter, number> {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ';' || char === ',' || char === '\t')) counts[char] += 1;
  }
  return counts;
}

/**
 * The delimiter of the first line that has one: the most frequent outside quotes, a semicolon
 * on a tie (Dutch Excel writes them; a comma is also a decimal sign there).
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text.split(/\r\n|\n|\r/, HEADER_SEARCH_ROWS + 1).filter((line) => line.trim() !== '');
  for (const line of lines) {
    const counts = countDelimiters(line);
    const best = DELIMITERS.reduce((a, b) => (counts[b] > counts[a] ? b : a));
    if (counts[best] > 0) return best;
  }
  return ';';
}

function parseCsv(bytes: Buffer): ParsedClassList {
  if (bytes.length === 0) throw new AppError('CLASS_LIST_EMPTY');
  const encoding = encodingOf(bytes);
  const text = decode(bytes);
  if (text.trim() === '') throw new AppError('CLASS_LIST_EMPTY');
  const delimiter = detectDelimiter(text);
  const result = Papa.parse<string[]>(text, {
    delimiter, header: false, skipEmptyLines: false, quoteChar: '"', escapeChar: '"',
    // One row more than allowed, so that too many is seen without parsing the rest.
    preview: CLASS_LIST_LIMITS.maxRows + 1,
  });
  // An opening quote that never closes swallows the rest of the file into one cell.
  if (result.errors.some((error) => error.code === 'MissingQuotes')) throw new AppError('CLASS_LIST_UNREADABLE');
  return tableOf('csv', encoding, delimiter, result.data, DELIMITERS.filter((other) => other !== delimiter));
}

// ---------------------------------------------------------------------------------------------
// .xlsx

function zipError(error: unknown): AppError {
  if (error instanceof AppError && error.code === 'FILE_UNPACKED_TOO_LARGE') return new AppError('CLASS_LIST_UNPACKED_TOO_LARGE', undefined, { cause: error });
  if (error instanceof AppError && error.code !== 'FILE_UNREADABLE') return error;
  return new AppError('CLASS_LIST_UNREADABLE', undefined, { cause: error });
}

/**
 * Every part of the archive is inflated once here with a cap per part and in total, because a
 * zip's declared sizes can lie and the spreadsheet library inflates without asking. Only an
 * archive that stays within the caps reaches it (and it inflates the same bytes again).
 */
export function checkXlsxBounds(bytes: Buffer): void {
  let names: string[];
  try {
    names = zipEntryNames(bytes);
  } catch (error) {
    throw zipError(error);
  }
  if (!names.some((name) => name.toLowerCase() === 'xl/workbook.xml')) throw new AppError('CLASS_LIST_UNREADABLE');
  let total = 0;
  for (const name of names) {
    if (name.endsWith('/')) continue;
    let size: number;
    try {
      size = readZipEntry(bytes, name, { maxBytes: CLASS_LIST_LIMITS.maxXlsxPartBytes })?.length ?? 0;
    } catch (error) {
      throw zipError(error);
    }
    total += size;
    if (total > CLASS_LIST_LIMITS.maxXlsxTotalBytes) throw new AppError('CLASS_LIST_UNPACKED_TOO_LARGE');
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return XML_ENTITIES[body] ?? whole;
  });
}

/**
 * The sheets as `xl/workbook.xml` lists them, in order, with their visibility: the spreadsheet
 * library reads every sheet but does not say which are hidden. A workbook has no DTD here; the
 * tags are read with a bounded pattern, never by an XML parser that expands entities.
 */
export function workbookSheets(bytes: Buffer): { name: string; hidden: boolean }[] {
  let xml: string;
  try {
    xml = readZipEntry(bytes, 'xl/workbook.xml', { maxBytes: CLASS_LIST_LIMITS.maxXlsxPartBytes })?.toString('utf8') ?? '';
  } catch (error) {
    throw zipError(error);
  }
  const sheets: { name: string; hidden: boolean }[] = [];
  for (const match of xml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?sheet\s([^>]{0,4000}?)\/?>/g)) {
    const attributes = match[1]!;
    const name = /(?:^|\s)name\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attributes);
    if (!name) continue;
    const state = /(?:^|\s)state\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attributes);
    const visibility = state ? state[1] ?? state[2] ?? '' : 'visible';
    sheets.push({ name: unescapeXml(name[1] ?? name[2] ?? '').slice(0, 200), hidden: visibility === 'hidden' || visibility === 'veryHidden' });
  }
  return sheets;
}

function hasFilledCell(data: unknown[][]): boolean {
  return data.some((row) => row.some((value) => cleanCell(cellText(value)) !== ''));
}

interface Workbook {
  rows: string[][];
  sheets: ClassListSheet[];
  sheet: string;
  omitted: number;
}

async function readXlsxRows(bytes: Buffer, wanted: string | null): Promise<Workbook> {
  checkXlsxBounds(bytes);
  const listed = workbookSheets(bytes);
  let read: { sheet: string; data: unknown[][] }[];
  try {
    // Every sheet in one pass: the archive is inflated once, and it is within the bounds above.
    read = await readXlsxFile(bytes) as { sheet: string; data: unknown[][] }[];
  } catch (error) {
    throw new AppError('CLASS_LIST_UNREADABLE', undefined, { cause: error });
  }
  const dataByName = new Map(read.map((entry) => [entry.sheet, entry.data]));
  // A workbook.xml the pattern could not read still has the library's names (all taken as visible).
  const order = listed.length > 0 ? listed : read.map((entry) => ({ name: entry.sheet, hidden: false }));
  const sheets: ClassListSheet[] = order.slice(0, CLASS_LIST_LIMITS.maxSheets).map((entry) => ({
    name: entry.name, hidden: entry.hidden, empty: !hasFilledCell(dataByName.get(entry.name) ?? []),
  }));
  let chosen: ClassListSheet | undefined;
  if (wanted !== null) {
    chosen = sheets.find((entry) => entry.name === wanted);
    if (!chosen) throw new AppError('CLASS_LIST_UNREADABLE');
  } else {
    // A hidden sheet is a lookup table or a leftover; the mentor can still choose it.
    chosen = sheets.find((entry) => !entry.hidden && !entry.empty) ?? sheets.find((entry) => !entry.empty) ?? sheets[0];
  }
  if (!chosen) throw new AppError('CLASS_LIST_EMPTY');
  const data = dataByName.get(chosen.name) ?? [];
  if (data.length > CLASS_LIST_LIMITS.maxRows) throw new AppError('CLASS_LIST_TOO_MANY_ROWS', { max: CLASS_LIST_LIMITS.maxRows });
  return { rows: data.map((row) => row.map(cellText)), sheets, sheet: chosen.name, omitted: Math.max(0, order.length - sheets.length) };
}

// ---------------------------------------------------------------------------------------------
// Both

function refuse(code: ErrorCode, params?: Record<string, number>): never {
  throw new AppError(code, params);
}

/**
 * Rows → header and data rows. The header is the first of the top rows with two known column
 * names (a title line above it is passed over), else the first row that is not empty.
 */
function tableOf(format: 'csv' | 'xlsx', encoding: Encoding | null, delimiter: Delimiter | null, raw: string[][], otherDelimiters: readonly Delimiter[]): ParsedClassList {
  if (raw.length > CLASS_LIST_LIMITS.maxRows) refuse('CLASS_LIST_TOO_MANY_ROWS', { max: CLASS_LIST_LIMITS.maxRows });
  const rows = raw.map((cells, index) => ({ row: index + 1, cells: cells.map(cleanCell) }))
    .filter((row) => row.cells.some((cell) => cell !== ''));
  if (rows.length === 0) refuse('CLASS_LIST_EMPTY');
  if (rows.some((row) => row.cells.length > CLASS_LIST_LIMITS.maxColumns)) refuse('CLASS_LIST_TOO_MANY_COLUMNS', { max: CLASS_LIST_LIMITS.maxColumns });
  const top = rows.slice(0, HEADER_SEARCH_ROWS);
  const headerAt = Math.max(0, top.findIndex((row) => knownHeaderCount(row.cells) >= 2));
  const headerRow = rows[headerAt]!;
  // Trailing empty header cells (a delimiter at the end of the line) are no columns.
  let width = headerRow.cells.length;
  while (width > 1 && headerRow.cells[width - 1] === '') width -= 1;
  const header = headerRow.cells.slice(0, width);

  // "Leerlingnummer;Roepnaam,Achternaam": a header cell that splits into known names at another
  // delimiter means the file mixes them from its first line on.
  if (otherDelimiters.some((other) => header.some((cell) => {
    const parts = cell.split(other);
    return parts.length > 1 && knownHeaderCount(parts) >= 2;
  }))) refuse('CLASS_LIST_MIXED_DELIMITERS');

  const data: ParsedRow[] = [];
  const skipped: ClassListSkip[] = [];
  let delimiterTrouble = 0;
  for (const row of rows.slice(headerAt + 1)) {
    const cells = row.cells;
    if (cells.length === 1 && width > 1 && otherDelimiters.some((other) => cells[0]!.includes(other))) {
      skipped.push({ row: row.row, reason: 'otherDelimiter' });
      delimiterTrouble += 1;
      continue;
    }
    // Cells past the header's columns may only be empty (delimiters at the end of a line).
    if (cells.slice(width).some((cell) => cell !== '')) {
      skipped.push({ row: row.row, reason: 'columnCount' });
      delimiterTrouble += 1;
      continue;
    }
    // A short row (an export that drops empty cells at the end) is read as far as it goes.
    data.push({ row: row.row, cells: Array.from({ length: width }, (_, index) => cells[index] ?? '') });
  }
  if (data.length === 0 && skipped.length === 0) refuse('CLASS_LIST_NO_ROWS');
  // Most rows not fitting is not a few bad rows but a file written two ways: refused whole.
  if (delimiterTrouble > 0 && delimiterTrouble * 2 >= data.length + delimiterTrouble) refuse('CLASS_LIST_MIXED_DELIMITERS');
  return { format, encoding, delimiter, headerRow: headerRow.row, header, rows: data, skipped, sheets: [], sheet: null, sheetsOmitted: 0 };
}
