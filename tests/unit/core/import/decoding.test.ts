import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';
import { expectAppError } from '../../helpers/core';
import { said } from './helpers';

const parse = (name: string, bytes: Buffer) => parseTranscript(name, bytes, []);

describe('text decoding', () => {
  it('reads windows-1252 (old Word and Notepad exports) when the bytes are not UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Mentor: Hoe gaat het met je cliënt?\r\nSanne: Goed, één vraag: kost het ', 'latin1'),
      Buffer.from([0x80, 0x35, 0x3f, 0x20, 0x93, 0x4a, 0x61, 0x94]), // €5? “Ja”
      Buffer.from('\r\n', 'latin1'),
    ]);
    expect(bytes.includes(Buffer.from('ë', 'utf8'))).toBe(false);
    expect(said(await parse('oud.txt', bytes))).toEqual([
      ['Mentor', 'Hoe gaat het met je cliënt?'],
      ['Sanne', 'Goed, één vraag: kost het €5? “Ja”'],
    ]);
  });

  it('reads UTF-16 with a BOM, as Notepad saves "Unicode"', async () => {
    const text = 'Mentor: Hoe gaat het met je cliënt?\r\nSanne: Goed.\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(said(await parse('a.txt', le))).toEqual([['Mentor', 'Hoe gaat het met je cliënt?'], ['Sanne', 'Goed.']]);
    expect(said(await parse('a.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toEqual(said(await parse('a.txt', le)));
  });

  it('skips the lines of a UTF-8 file that hold a few damaged bytes as unreadable, keeping the rest', async () => {
    const good = (speaker: string, i: number) => Buffer.from(`${speaker}: Zin ${i} over één cliënt, de coördinator en een café.\n`, 'utf8');
    const bytes = Buffer.concat([
      good('Mentor', 1), good('Sanne', 2),
      Buffer.from('en dan kapot '), Buffer.from([0xff, 0xfe]), Buffer.from(' hier\n'),
      good('Mentor', 4), good('Sanne', 5), good('Mentor', 6), good('Sanne', 7),
    ]);
    const parsed = await parse('a.txt', bytes);
    expect(parsed.skipped).toEqual([{ line: 3, reason: 'unreadable' }]);
    expect(parsed.turns.map((turn) => turn.text)).toEqual([1, 2, 4, 5, 6, 7].map((i) => `Zin ${i} over één cliënt, de coördinator en een café.`));
    // The damaged line would have continued turn 2; it is gone, not glued on with replacement characters.
    expect(parsed.turns.every((turn) => !turn.text.includes('\uFFFD'))).toBe(true);
  });

  it('reads an ASCII file with one stray Latin-1 byte as windows-1252 rather than dropping the line, unless a BOM says UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('Mentor: Caf'), Buffer.from([0xe9]), Buffer.from(' om tien uur.\nSanne: Goed, tot morgen dan.\n')]);
    expect(said(await parse('a.txt', bytes))).toEqual([['Mentor', 'Café om tien uur.'], ['Sanne', 'Goed, tot morgen dan.']]);
    const declared = await parse('a.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Sanne: Hallo, dit is een wat langere regel om te beginnen.\n'), bytes]));
    expect(said(declared)).toEqual([['Sanne', 'Hallo, dit is een wat langere regel om te beginnen. Goed, tot morgen dan.']]);
    expect(declared.skipped).toEqual([{ line: 2, reason: 'unreadable' }]);
  });

  it('answers FILE_UNREADABLE for random bytes behind a UTF-16 BOM', async () => {
    const noise = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 251 + 1));
    await expectAppError(parse('a.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), noise])), 'FILE_UNREADABLE');
  });
});
