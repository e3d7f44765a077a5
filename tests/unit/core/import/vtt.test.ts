import { describe, expect, it } from 'vitest';
import { parseText, said } from './helpers';

describe('WebVTT', () => {
  it('takes a voice tag without closing tag, and `<v.class Name>`', async () => {
    const parsed = await parseText('a.vtt', [
      'WEBVTT',
      '',
      '00:01.000 --> 00:04.000',
      '<v Anna>Zonder sluittag',
      '',
      '00:05.000 --> 00:06.000 align:start position:10%',
      '<v.loud.fast Bram>Hard gezegd</v>',
    ].join('\n'));
    expect(parsed.turns).toEqual([
      { speaker: 'Anna', text: 'Zonder sluittag', startMs: 1000 },
      { speaker: 'Bram', text: 'Hard gezegd', startMs: 5000 },
    ]);
  });

  it('makes each voice span of one cue its own turn, starting at the cue start', async () => {
    const parsed = await parseText('a.vtt', [
      'WEBVTT',
      '',
      '00:00:02.500 --> 00:00:06.000',
      '<v Anna>Kom je morgen?</v> <v Bram>Ja,',
      'als de bus rijdt.</v><v Anna>Mooi',
    ].join('\n'));
    expect(parsed.turns).toEqual([
      { speaker: 'Anna', text: 'Kom je morgen?', startMs: 2500 },
      { speaker: 'Bram', text: 'Ja, als de bus rijdt.', startMs: 2500 },
      { speaker: 'Anna', text: 'Mooi', startMs: 2500 },
    ]);
  });

  it('ends a voice at `</v>` (text after it needs a label of its own) and takes no 300-character annotation for a name', async () => {
    const parsed = await parseText('a.vtt', [
      /* 1 */ 'WEBVTT',
      /* 2 */ '',
      /* 3 */ '00:00:01.000 --> 00:00:02.000',
      /* 4 */ '<v Anna>Kom je?</v> Bram: Ja.',
      /* 5 */ '',
      /* 6 */ '00:00:02.000 --> 00:00:03.000',
      /* 7 */ '<v Anna>Mooi.</v>',
      /* 8 */ 'en dit zei niemand in het bijzonder',
      /* 9 */ '',
      /* 10 */ '00:00:03.000 --> 00:00:04.000',
      /* 11 */ `<v ${'Heel lang '.repeat(30)}>Geen naam meer</v> los <v Bram>Hier.</v> en nog los`,
    ].join('\n'));
    expect(said(parsed)).toEqual([['Anna', 'Kom je?'], ['Bram', 'Ja.'], ['Anna', 'Mooi.'], ['Bram', 'Hier.']]);
    // One entry for a cue, however many speaker-less spans it has.
    expect(parsed.skipped).toEqual([{ line: 7, reason: 'no_speaker' }, { line: 11, reason: 'no_speaker' }]);
  });

  it('ignores the header metadata and NOTE, STYLE and REGION blocks', async () => {
    const parsed = await parseText('a.vtt', [
      'WEBVTT - Gesprek stage',
      'Kind: captions',
      'Language: nl',
      '',
      'STYLE',
      '::cue(v[voice="Anna"]) { color: yellow }',
      '',
      'REGION',
      'id:onder width:40%',
      '',
      'NOTE Bram: dit is commentaar, geen beurt',
      '',
      'NOTE',
      'Anna: ook dit is een notitie',
      'over twee regels',
      '',
      '00:00:01.000 --> 00:00:02.000',
      '<v Anna>Het echte gesprek',
    ].join('\n'));
    expect(said(parsed)).toEqual([['Anna', 'Het echte gesprek']]);
    expect(parsed.skipped).toEqual([]);
  });

  it('skips cues with bad timing, empty cues and speaker-less cues by line number, and imports the rest', async () => {
    const lines = [
      /* 1 */ 'WEBVTT',
      /* 2 */ '',
      /* 3 */ '00:00:01.000 --> 00:00:02.000',
      /* 4 */ '<v Anna>Eén',
      /* 5 */ '',
      /* 6 */ 'cue-2',
      /* 7 */ '00:00:0x.000 --> 00:00:03.000',
      /* 8 */ '<v Bram>kapotte tijd',
      /* 9 */ '',
      /* 10 */ '00:00:03.000 --> 00:00:04.000',
      /* 11 */ '',
      /* 12 */ '00:00:04.000 --> 00:00:05.000',
      /* 13 */ 'niemand weet wie dit zei',
      /* 14 */ '',
      /* 15 */ '00:01:61.000 --> 00:01:62.000',
      /* 16 */ '<v Bram>zestig seconden bestaan niet',
      /* 17 */ '',
      /* 18 */ 'alleen tekst, geen tijd',
      /* 19 */ '',
      /* 20 */ '00:00:05.000 --> 00:00:06.000',
      /* 21 */ '<i></i>',
      /* 22 */ '',
      /* 23 */ '00:00:06.000 --> 00:00:07.000',
      /* 24 */ '<v Bram>Twee',
    ];
    const parsed = await parseText('a.vtt', lines.join('\n'));
    expect(said(parsed)).toEqual([['Anna', 'Eén'], ['Bram', 'Twee']]);
    expect(parsed.turns[1]!.startMs).toBe(6000);
    expect(parsed.skipped).toEqual([
      { line: 7, reason: 'bad_timing' },
      { line: 10, reason: 'empty_cue' },
      { line: 13, reason: 'no_speaker' },
      { line: 15, reason: 'bad_timing' },
      { line: 18, reason: 'bad_timing' },
      { line: 20, reason: 'empty_cue' },
    ]);
  });

  it('does not attach a speaker-less cue to the previous speaker, but joins cue lines after a `Name:` label', async () => {
    const parsed = await parseText('a.vtt', [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:02.000',
      'Anna: Ik begin hier',
      'en ga door op de volgende regel.',
      '',
      '00:00:02.000 --> 00:00:03.000',
      'en dit is een nieuwe cue zonder naam',
      '',
      '00:00:03.000 --> 00:00:04.000',
      '- Bram: Dialoogstreepje',
      '- Anna: Twee sprekers in één cue',
    ].join('\n'));
    expect(parsed.turns).toEqual([
      { speaker: 'Anna', text: 'Ik begin hier en ga door op de volgende regel.', startMs: 1000 },
      { speaker: 'Bram', text: 'Dialoogstreepje', startMs: 3000 },
      { speaker: 'Anna', text: 'Twee sprekers in één cue', startMs: 3000 },
    ]);
    expect(parsed.skipped).toEqual([{ line: 8, reason: 'no_speaker' }]);
  });

  it('strips styling and timestamp tags, decodes entities, and keeps a lone "<"', async () => {
    const parsed = await parseText('a.vtt', [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:02.000',
      '<v Anna &amp; co><c.yellow>Tom</c> &amp; <i>Jerry</i> <00:00:01.500><b>&lt;3</b>&nbsp;ok&lrm; &#233;&#x20AC; a < b &onbekend;</v>',
    ].join('\n'));
    expect(said(parsed)).toEqual([['Anna & co', 'Tom & Jerry <3 ok\u200E é€ a < b &onbekend;']]);
  });

  it('merges consecutive cues of one speaker into one turn with the first start', async () => {
    const parsed = await parseText('a.vtt', [
      'WEBVTT', '',
      '00:00:01.000 --> 00:00:02.000', '<v Anna>Eerste deel', '',
      '00:00:02.000 --> 00:00:03.000', '<v  Anna >tweede deel', '',
      '00:00:03.000 --> 00:00:04.000', '<v Bram>Ja', '',
    ].join('\n'));
    expect(parsed.turns).toEqual([
      { speaker: 'Anna', text: 'Eerste deel tweede deel', startMs: 1000 },
      { speaker: 'Bram', text: 'Ja', startMs: 3000 },
    ]);
    expect(parsed.speakers).toEqual(['Anna', 'Bram']);
  });

  it('forgives a missing WEBVTT header', async () => {
    const parsed = await parseText('a.vtt', '00:00:01.000 --> 00:00:02.000\n<v Anna>Geen kop\n');
    expect(said(parsed)).toEqual([['Anna', 'Geen kop']]);
  });

  it('skips an over-long cue line as too_long and keeps the rest of the cue', async () => {
    const parsed = await parseText('a.vtt', [
      'WEBVTT', '',
      '00:00:01.000 --> 00:00:02.000', `<v Anna>${'x'.repeat(100_001)}`, '',
      '00:00:02.000 --> 00:00:03.000', 'Bram: Gewoon', 'y'.repeat(100_001), 'en verder', '',
    ].join('\n'));
    expect(said(parsed)).toEqual([['Bram', 'Gewoon en verder']]);
    expect(parsed.skipped).toEqual([{ line: 4, reason: 'too_long' }, { line: 8, reason: 'too_long' }]);
  });
});
