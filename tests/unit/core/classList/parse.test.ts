import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { parseClassListInJob } from '../../../../electron/core/classList/classListService';
import { suggestMapping } from '../../../../electron/core/classList/headers';
import { detectDelimiter, parseClassList } from '../../../../electron/core/classList/parseClassList';
import { CLASS_LIST_LIMITS } from '../../../../shared/classListSchemas';
import { expectAppError } from '../../helpers/core';
import { zipWithExtra } from './zipHelper';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/classlists');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

describe('class list parsing', () => {
  it('reads a Magister-like export: semicolons, Windows-1252, Dutch headers with abbreviations', async () => {
    const parsed = await parseClassList('leerlingen.csv', fixture('magister-1252.csv'));
    expect(parsed).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', headerRow: 1 });
    expect(parsed.header).toEqual(['Stamnr', 'Roepnaam', 'Voornamen', 'Tussenv.', 'Achternaam', 'Klas', 'Studie', 'Leerjaar', 'Mentor', 'Geboortedatum']);
    expect(suggestMapping(parsed.header)).toEqual(['studentNumber', 'callName', 'firstNames', 'infix', 'lastName', 'className', 'programme', 'year', 'mentor', 'ignore']);
    expect(parsed.rows).toHaveLength(5);
    expect(parsed.rows[0]).toEqual({ row: 2, cells: ['104233', 'Emre', 'Emre Can', '', 'Çelik', '4H2', 'HAVO 4 NG', '4', 'Mevr. de Groot', '12-03-2009'] });
    expect(parsed.rows[1]!.cells.slice(1, 5)).toEqual(['Sanne', 'Susanna Maria', 'van der', 'Berg']);
    expect(parsed.rows[4]!.cells[4]).toBe('Vries-Élie');
    expect(parsed.rows[4]!.cells[8]).toBe('Dhr. Öztürk');
  });

  it('reads a Somtoday-like export: UTF-8 with BOM, commas, quoted cells with commas, Turkish and Polish letters', async () => {
    const parsed = await parseClassList('export.csv', fixture('somtoday-bom.csv'));
    expect(parsed).toMatchObject({ format: 'csv', encoding: 'utf-8-bom', delimiter: ',' });
    // The BOM is not part of the first header.
    expect(parsed.header[0]).toBe('Leerlingnummer');
    expect(suggestMapping(parsed.header)).toEqual(['studentNumber', 'callName', 'infix', 'lastName', 'className', 'programme', 'year', 'mentor']);
    expect(parsed.rows[0]!.cells).toEqual(['20871', 'Ayşe', '', 'Ağaoğlu', '3TL1', 'vmbo, theoretische leerweg', '3', 'Jansen, P.']);
    expect(parsed.rows[2]!.cells[1]).toBe('Łukasz');
  });

  it('recognises English headers', async () => {
    const parsed = await parseClassList('students.csv', fixture('english.csv'));
    expect(suggestMapping(parsed.header)).toEqual(['studentNumber', 'firstNames', 'lastName', 'className', 'programme', 'mentor']);
  });

  it('keeps a quoted line break inside one row, as one space, and numbers rows as a spreadsheet does', async () => {
    const parsed = await parseClassList('lijst.csv', fixture('quoted-newlines.csv'));
    expect(parsed.rows.map((row) => row.row)).toEqual([2, 3, 4]);
    expect(parsed.rows[0]!.cells[4]).toBe('Eerste regel Tweede regel; met puntkomma');
    expect(parsed.rows[1]!.cells[2]).toBe('de Jong');
    expect(parsed.rows[2]!.cells[4]).toBe('Zegt "hoi"');
  });

  it('refuses an empty file, a blank one and one with only a header', async () => {
    await expectAppError(parseClassList('leeg.csv', fixture('empty.csv')), 'CLASS_LIST_EMPTY');
    await expectAppError(parseClassList('leeg.csv', Buffer.from('\ufeff \r\n ;; \r\n', 'utf8')), 'CLASS_LIST_EMPTY');
    await expectAppError(parseClassList('kop.csv', Buffer.from('Leerlingnummer;Roepnaam;Achternaam\r\n')), 'CLASS_LIST_NO_ROWS');
  });

  it('refuses a file written with two delimiters, and lists a single stray row as skipped', async () => {
    await expectAppError(parseClassList('mixed.csv', fixture('mixed-delimiters.csv')), 'CLASS_LIST_MIXED_DELIMITERS');
    await expectAppError(parseClassList('mixed.csv', Buffer.from('Leerlingnummer;Roepnaam,Achternaam\n1;Anna,Peters\n')), 'CLASS_LIST_MIXED_DELIMITERS');
    const parsed = await parseClassList('lijst.csv', fixture('one-row-commas.csv'));
    expect(parsed.rows.map((row) => row.row)).toEqual([2, 3, 5]);
    expect(parsed.skipped).toEqual([{ row: 4, reason: 'otherDelimiter' }]);
  });

  it('detects the delimiter from the header line, a semicolon on a tie, quotes respected', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('"Naam; roepnaam",Klas,Mentor\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('a,b;c\n')).toBe(';');
  });

  it('passes over a title line above the header', async () => {
    const parsed = await parseClassList('lijst.csv', Buffer.from('Klassenlijst 4H2 schooljaar 2026-2027\r\nLeerlingnummer;Roepnaam;Achternaam\r\n7;Ada;Lovelace\r\n'));
    expect(parsed.headerRow).toBe(2);
    expect(parsed.rows).toEqual([{ row: 3, cells: ['7', 'Ada', 'Lovelace'] }]);
  });

  it('refuses what is not a class list: another extension, an old .xls, a protected workbook, binary bytes', async () => {
    await expectAppError(parseClassList('lijst.pdf', Buffer.from('%PDF-1.7')), 'CLASS_LIST_UNSUPPORTED');
    await expectAppError(parseClassList('lijst.xls', Buffer.from('whatever')), 'CLASS_LIST_OLD_EXCEL');
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await expectAppError(parseClassList('lijst.xlsx', cfb), 'CLASS_LIST_OLD_EXCEL');
    await expectAppError(parseClassList('lijst.xlsx', Buffer.concat([cfb, Buffer.from('EncryptedPackage', 'utf16le')])), 'CLASS_LIST_PROTECTED');
    await expectAppError(parseClassList('lijst.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3])), 'CLASS_LIST_UNREADABLE');
    await expectAppError(parseClassList('lijst.xlsx', Buffer.from('PK\u0003\u0004 not really a zip')), 'CLASS_LIST_UNREADABLE');
  });

  it('bounds rows, columns and bytes', async () => {
    const wide = `${Array.from({ length: CLASS_LIST_LIMITS.maxColumns + 1 }, (_, i) => `k${i}`).join(';')}\n1;2\n`;
    await expectAppError(parseClassList('breed.csv', Buffer.from(wide)), 'CLASS_LIST_TOO_MANY_COLUMNS');
    const long = `Leerlingnummer;Roepnaam\n${Array.from({ length: CLASS_LIST_LIMITS.maxRows + 5 }, (_, i) => `${i};N${i}`).join('\n')}`;
    await expectAppError(parseClassList('lang.csv', Buffer.from(long)), 'CLASS_LIST_TOO_MANY_ROWS');
    await expectAppError(parseClassList('groot.csv', Buffer.alloc(CLASS_LIST_LIMITS.maxBytes + 1, 0x41)), 'CLASS_LIST_TOO_LARGE');
  });

  it('parses 10,000 rows in the limited job, quickly', async () => {
    const lines = ['Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Klas;Opleiding;Mentor'];
    for (let i = 0; i < 10_000; i++) lines.push(`${100_000 + i};Leerling${i};${i % 3 === 0 ? 'van der' : ''};Achternaam${i};${1 + (i % 6)}A;havo;Mentor ${i % 40}`);
    const started = performance.now();
    const parsed = await parseClassListInJob('school.csv', Buffer.from(lines.join('\r\n'), 'utf8'));
    const ms = performance.now() - started;
    expect(parsed.rows).toHaveLength(10_000);
    expect(parsed.rows[9_999]!.cells[0]).toBe('109999');
    console.log(`classList: 10,000 CSV rows parsed in the job in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(15_000);
  });

  it('reads an .xlsx made by a spreadsheet program: numbers as text, dates as days', async () => {
    const data = [
      ['Leerlingnummer', 'Roepnaam', 'Tussenvoegsel', 'Achternaam', 'Klas', 'Geboortedatum'],
      [104233, 'Emre', '', 'Çelik', '4H2', new Date(Date.UTC(2009, 2, 12))],
      [104234, 'Sanne', 'van der', 'Berg', '4H2', null],
    ].map((row) => row.map((value) => (value instanceof Date ? { value, type: Date, format: 'dd-mm-yyyy' } : value)));
    const bytes = await writeXlsxFile(data as never).toBuffer();
    const parsed = await parseClassListInJob('klas.xlsx', bytes);
    expect(parsed).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, headerRow: 1 });
    expect(parsed.rows).toEqual([
      { row: 2, cells: ['104233', 'Emre', '', 'Çelik', '4H2', '2009-03-12'] },
      { row: 3, cells: ['104234', 'Sanne', 'van der', 'Berg', '4H2', ''] },
    ]);
  });

  it('refuses an .xlsx zip bomb before the spreadsheet library inflates it, within the job\'s limits', async () => {
    const sheet = await writeXlsxFile([['Roepnaam', 'Achternaam'], ['Ada', 'Lovelace']]).toBuffer();
    // The unchanged workbook is read: the bounds themselves do not refuse a real file.
    expect((await parseClassListInJob('klas.xlsx', await zipWithExtra(sheet, {}))).rows).toHaveLength(1);
    // 64 MB of one byte compresses to about 64 KB: one part over the per-part bound.
    const bomb = await zipWithExtra(sheet, { 'xl/media/bomb.bin': Buffer.alloc(64 * 1024 * 1024, 0x20) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    await expectAppError(parseClassListInJob('klas.xlsx', bomb), 'CLASS_LIST_UNPACKED_TOO_LARGE');
    console.log(`classList: ${(bomb.length / 1024).toFixed(0)} KB .xlsx bomb refused in ${(performance.now() - started).toFixed(0)} ms`);
    // Parts each under the bound that add up to more than the total bound.
    const part = Buffer.alloc(40 * 1024 * 1024, 0x20);
    const many = await zipWithExtra(sheet, { 'xl/media/a.bin': part, 'xl/media/b.bin': part, 'xl/media/c.bin': part });
    await expectAppError(parseClassListInJob('klas.xlsx', many), 'CLASS_LIST_UNPACKED_TOO_LARGE');
  }, 60_000);
});
