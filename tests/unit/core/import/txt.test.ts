import { describe, expect, it } from 'vitest';
import { parseText, said } from './helpers';

describe('plain text', () => {
  it('continues a turn with speaker-less lines, skips speaker-less lines before the first turn, ignores blank lines', async () => {
    const parsed = await parseText('a.txt', [
      /* 1 */ 'Opname stagegesprek',
      /* 2 */ '',
      /* 3 */ 'Notulist Piet',
      /* 4 */ 'Mentor: Hoe ging het?',
      /* 5 */ 'Sanne: Goed. Ik heb een lang verhaal',
      /* 6 */ 'dat over twee regels loopt.',
      /* 7 */ '',
      /* 8 */ '   En nog een alinea.   ',
      /* 9 */ 'Mentor: Mooi.',
    ].join('\n'));
    expect(said(parsed)).toEqual([
      ['Mentor', 'Hoe ging het?'],
      ['Sanne', 'Goed. Ik heb een lang verhaal dat over twee regels loopt. En nog een alinea.'],
      ['Mentor', 'Mooi.'],
    ]);
    expect(parsed.skipped).toEqual([{ line: 1, reason: 'no_speaker' }, { line: 3, reason: 'no_speaker' }]);
  });

  it('reads `[00:01:02] Name: text` and `Name (00:01): text` timestamps', async () => {
    const parsed = await parseText('a.txt', '[00:01:02] Mentor: Mooi.\nSanne (01:05): Ja.\n00:02:00.5 Mentor: Verder.\nSanne: Zonder tijd.');
    expect(parsed.turns).toEqual([
      { speaker: 'Mentor', text: 'Mooi.', startMs: 62_000 },
      { speaker: 'Sanne', text: 'Ja.', startMs: 65_000 },
      { speaker: 'Mentor', text: 'Verder.', startMs: 120_500 },
      { speaker: 'Sanne', text: 'Zonder tijd.', startMs: null },
    ]);
  });

  it('takes only the first colon as the label, and knows a sentence from a name', async () => {
    const parsed = await parseText('a.txt', [
      'Mentor: Afspraak: we zoeken een stage.',
      'Om 10:30 beginnen we.',
      'Dat is de vraag? Nee: echt.',
      'een twee drie vier vijf zes zeven: te veel woorden voor een naam',
      `${'A'.repeat(61)}: te lang voor een naam`,
      '12 uur: begint met een cijfer',
      'Jan-Willem D\'Souza-Öztürk Jr.: Ik heet zo.',
      'Spreker 2: En ik ben spreker twee.',
      'Mevr. Ž. Łukasz:geen spatie na de dubbele punt',
    ].join('\n'));
    expect(said(parsed)).toEqual([
      ['Mentor', 'Afspraak: we zoeken een stage. Om 10:30 beginnen we. Dat is de vraag? Nee: echt. een twee drie vier vijf zes zeven: te veel woorden voor een naam '
        + `${'A'.repeat(61)}: te lang voor een naam 12 uur: begint met een cijfer`],
      ["Jan-Willem D'Souza-Öztürk Jr.", 'Ik heet zo.'],
      ['Spreker 2', 'En ik ben spreker twee. Mevr. Ž. Łukasz:geen spatie na de dubbele punt'],
    ]);
  });

  it('merges consecutive turns of one speaker and collapses whitespace in names and text', async () => {
    const parsed = await parseText('a.txt', 'Mentor   Jansen: Een\tzin.\nMentor Jansen :  Nog  een.\nSanne: Ja.\nMentor Jansen: Klaar.');
    expect(said(parsed)).toEqual([['Mentor Jansen', 'Een zin. Nog een.'], ['Sanne', 'Ja.'], ['Mentor Jansen', 'Klaar.']]);
    expect(parsed.speakers).toEqual(['Mentor Jansen', 'Sanne']);
  });

  it('drops a label with no words after it, so the turns around it merge', async () => {
    const parsed = await parseText('a.txt', 'Mentor: Hallo.\nSanne:\nMentor: Nog iets.');
    expect(said(parsed)).toEqual([['Mentor', 'Hallo. Nog iets.']]);
    expect(parsed.speakers).toEqual(['Mentor']);
  });

  it('reads the Teams shape: a `Name   0:03` line, then the turn text, which may contain colons', async () => {
    const parsed = await parseText('a.txt', [
      /* 1 */ 'Stagegesprek Sanne',
      /* 2 */ 'Mentor Jansen   0:03',
      /* 3 */ 'Goedemorgen.',
      /* 4 */ 'Hoe gaat het?',
      /* 5 */ '',
      /* 6 */ 'Sanne de Vries\t1:02:07',
      /* 7 */ 'Afspraak: ik bel morgen.',
      /* 8 */ 'Jansen, M. (Mentor)  2:15',
      /* 9 */ 'Tot morgen 9:30',
    ].join('\n'));
    expect(parsed.turns).toEqual([
      { speaker: 'Mentor Jansen', text: 'Goedemorgen. Hoe gaat het?', startMs: 3000 },
      { speaker: 'Sanne de Vries', text: 'Afspraak: ik bel morgen.', startMs: 3_727_000 },
      { speaker: 'Jansen, M. (Mentor)', text: 'Tot morgen 9:30', startMs: 135_000 },
    ]);
    expect(parsed.skipped).toEqual([{ line: 1, reason: 'no_speaker' }]);
  });

  it('keeps `Name: text` lines in charge when a sentence merely looks like a Teams heading', async () => {
    const parsed = await parseText('a.txt', 'Mentor: Wanneer?\nSanne: Morgen, om\nhalf tien  9:30\nMentor: Goed.');
    expect(said(parsed)).toEqual([['Mentor', 'Wanneer?'], ['Sanne', 'Morgen, om half tien 9:30'], ['Mentor', 'Goed.']]);
  });

  it('skips an over-long line as too_long and goes on with the turn', async () => {
    const parsed = await parseText('a.txt', `Mentor: Begin.\n${'x '.repeat(50_001)}\nen verder.\nSanne: Ok.`);
    expect(said(parsed)).toEqual([['Mentor', 'Begin. en verder.'], ['Sanne', 'Ok.']]);
    expect(parsed.skipped).toEqual([{ line: 2, reason: 'too_long' }]);
  });
});
