import JSZip from 'jszip';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { parseClassListInJob } from '../../../../electron/core/classList/classListService';
import { expectAppError } from '../../helpers/core';

/** A workbook of named sheets; `hidden` sheets get state="hidden" in xl/workbook.xml, as Excel writes it. */
async function workbook(sheets: { name: string; data: (string | number)[][] }[], hidden: string[] = []): Promise<Buffer> {
  const bytes = await writeXlsxFile(sheets.map((sheet) => ({ data: sheet.data, sheet: sheet.name })) as never).toBuffer();
  if (hidden.length === 0) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  let xml = await zip.file('xl/workbook.xml')!.async('string');
  for (const name of hidden) xml = xml.replace(`name="${name}"`, `name="${name}" state="hidden"`);
  zip.file('xl/workbook.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const header = ['Leerlingnummer', 'Roepnaam', 'Achternaam', 'Klas'];

describe('class list workbook sheets', () => {
  it('lists both sheets of a workbook, reads the first, and reads the second when chosen', async () => {
    const bytes = await workbook([
      { name: '4H1', data: [header, [1001, 'Ada', 'Lovelace', '4H1']] },
      { name: '4H2 & co', data: [header, [2001, 'Emre', 'Çelik', '4H2'], [2002, 'Sanne', 'Berg', '4H2']] },
    ]);
    const first = await parseClassListInJob('klassen.xlsx', bytes);
    expect(first.sheets).toEqual([{ name: '4H1', hidden: false, empty: false }, { name: '4H2 & co', hidden: false, empty: false }]);
    expect(first.sheet).toBe('4H1');
    expect(first.rows.map((row) => row.cells[1])).toEqual(['Ada']);
    const second = await parseClassListInJob('klassen.xlsx', bytes, undefined, '4H2 & co');
    expect(second.sheet).toBe('4H2 & co');
    expect(second.rows.map((row) => row.cells[1])).toEqual(['Emre', 'Sanne']);
    await expectAppError(parseClassListInJob('klassen.xlsx', bytes, undefined, 'no such sheet'), 'CLASS_LIST_UNREADABLE');
  }, 30_000);

  it('passes over an empty first sheet and a hidden one by default; the hidden one can still be chosen', async () => {
    const bytes = await workbook([
      { name: 'Leeg', data: [['']] },
      { name: 'Codes', data: [header, [9, 'Verborgen', 'Blad', 'X']] },
      { name: 'Leerlingen', data: [header, [3001, 'Zoë', 'Vries', '3B']] },
    ], ['Codes']);
    const parsed = await parseClassListInJob('export.xlsx', bytes);
    expect(parsed.sheets).toEqual([
      { name: 'Leeg', hidden: false, empty: true },
      { name: 'Codes', hidden: true, empty: false },
      { name: 'Leerlingen', hidden: false, empty: false },
    ]);
    expect(parsed.sheet).toBe('Leerlingen');
    expect(parsed.rows[0]!.cells[1]).toBe('Zoë');
    expect((await parseClassListInJob('export.xlsx', bytes, undefined, 'Codes')).rows[0]!.cells[1]).toBe('Verborgen');
    await expectAppError(parseClassListInJob('export.xlsx', bytes, undefined, 'Leeg'), 'CLASS_LIST_EMPTY');
  }, 30_000);
});
