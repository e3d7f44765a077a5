import { describe, expect, it } from 'vitest';
import { parseText, said } from './helpers';

describe('SubRip', () => {
  it('takes `Name:`, `[Name] text` and `- Name:` labels and strips tags and overrides', async () => {
    const parsed = await parseText('a.srt', [
      '1',
      '00:00:01,000 --> 00:00:02,000',
      '[Anna] <i>Vandaag</i> gaat het over je stage.',
      '',
      '2',
      '00:00:02,000 --> 00:00:04,000 X1:10 X2:100 Y1:10 Y2:50',
      '{\\an8}- Bram: <font color="#ffff00">Prima.</font>',
      '- Anna: En morgen?',
      '',
      '3',
      '00:00:04,000 --> 00:00:05,000',
      '[Muziek]',
      '',
    ].join('\n'));
    expect(parsed.turns).toEqual([
      { speaker: 'Anna', text: 'Vandaag gaat het over je stage.', startMs: 1000 },
      { speaker: 'Bram', text: 'Prima.', startMs: 2000 },
      { speaker: 'Anna', text: 'En morgen?', startMs: 2000 },
    ]);
    // "[Muziek]" alone is a sound, not a speaker.
    expect(parsed.skipped).toEqual([{ line: 12, reason: 'no_speaker' }]);
  });

  it('skips bad timing, missing timing and empty cues by line number, and imports the rest', async () => {
    const lines = [
      /* 1 */ '1',
      /* 2 */ '00:00:01,000 --> 00:00:02,000',
      /* 3 */ 'Anna: Eén',
      /* 4 */ '',
      /* 5 */ '2',
      /* 6 */ '00:99:01,000 --> 00:99:02,000',
      /* 7 */ 'Bram: kapot',
      /* 8 */ '',
      /* 9 */ '3',
      /* 10 */ 'Bram: geen tijdregel',
      /* 11 */ '',
      /* 12 */ '4',
      /* 13 */ '00:00:03,000 --> 00:00:04,000',
      /* 14 */ '',
      /* 15 */ '5',
      /* 16 */ '00:00:04,000 -> 00:00:05,000',
      /* 17 */ '',
      /* 18 */ '6',
      /* 19 */ '00:00:05,000 --> 00:00:06,000',
      /* 20 */ 'Bram: Twee',
    ];
    const parsed = await parseText('a.srt', lines.join('\r\n'));
    expect(said(parsed)).toEqual([['Anna', 'Eén'], ['Bram', 'Twee']]);
    expect(parsed.skipped).toEqual([
      { line: 6, reason: 'bad_timing' },
      { line: 9, reason: 'bad_timing' },
      { line: 13, reason: 'empty_cue' },
      { line: 15, reason: 'bad_timing' },
    ]);
  });

  it('also reads `<v Name>` voice tags, which some tools write into SRT', async () => {
    const parsed = await parseText('a.srt', '1\n00:00:01,000 --> 00:00:02,000\n<v Anna>Hallo</v><v Bram>Hoi</v>\n');
    expect(said(parsed)).toEqual([['Anna', 'Hallo'], ['Bram', 'Hoi']]);
  });
});
