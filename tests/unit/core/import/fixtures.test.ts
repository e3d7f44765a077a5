import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';
import { ParsedTranscript } from '../../../../shared/dialogueSchemas';
import { fixture } from './helpers';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const withCrlf = (bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'));
const withCr = (bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r'));

describe('the sample transcripts', () => {
  it('reads the Teams VTT: two speakers, nine turns, cue starts as times', async () => {
    const parsed = await parseTranscript('gesprek-stage-teams.vtt', fixture('gesprek-stage-teams.vtt'), []);
    expect(ParsedTranscript.parse(parsed)).toEqual(parsed);
    expect(parsed.format).toBe('vtt');
    expect(parsed.speakers).toEqual(['Mentor Jansen', 'Sanne de Vries']);
    expect(parsed.turns).toHaveLength(9);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.turns.map((turn) => turn.speaker)).toEqual([
      'Mentor Jansen', 'Sanne de Vries', 'Mentor Jansen', 'Sanne de Vries', 'Mentor Jansen',
      'Sanne de Vries', 'Mentor Jansen', 'Sanne de Vries', 'Mentor Jansen',
    ]);
    expect(parsed.turns[0]).toEqual({
      speaker: 'Mentor Jansen',
      text: 'Goedemorgen Sanne. Vorige keer spraken we af dat je iets zou bijhouden over je stage. Hoe is het gegaan?',
      startMs: 1000,
    });
    expect(parsed.turns[1]!.text).toBe('Best goed, maar er was één dag die ik niet kan loslaten. Mevrouw Bakker wilde per se douchen, maar volgens het rooster had ik daar geen tijd voor.');
    expect(parsed.turns[1]!.startMs).toBe(6800);
    expect(parsed.turns[3]!.text).toContain('volgende cliënt.');
    expect(parsed.turns[8]).toEqual({
      speaker: 'Mentor Jansen',
      text: 'Afspraak: jij vraagt vóór vrijdag een meeloopdag aan op de afdeling geriatrie. Ik stuur je het contact.',
      startMs: 69_000,
    });
  });

  it('reads the SRT: speakers from `Name:` in the cue text, three speakers, four turns', async () => {
    const parsed = await parseTranscript('gesprek-praktijk.srt', fixture('gesprek-praktijk.srt'), []);
    expect(parsed.format).toBe('srt');
    expect(parsed.speakers).toEqual(['Praktijkbegeleider', 'Yusuf', 'Docent']);
    expect(parsed.turns.map((turn) => [turn.speaker, turn.startMs])).toEqual([
      ['Praktijkbegeleider', 500], ['Yusuf', 5400], ['Docent', 12_600], ['Yusuf', 19_200],
    ]);
    expect(parsed.turns[0]!.text).toBe('Yusuf werkt zorgvuldig, maar hij durft klanten nog niet goed aan te spreken.');
    expect(parsed.turns[3]!.text).toBe('Ik heb mijn leidinggevende gehaald. Volgende keer wil ik het zelf uitleggen, maar dan moet ik de regels beter kennen.');
    expect(parsed.skipped).toEqual([]);
  });

  it('reads the TXT: seven turns, and "Mentor: Afspraak: …" is the mentor speaking', async () => {
    const parsed = await parseTranscript('gesprek-intake.txt', fixture('gesprek-intake.txt'), []);
    expect(parsed.format).toBe('txt');
    expect(parsed.speakers).toEqual(['Mentor', 'Daan']);
    expect(parsed.turns).toHaveLength(7);
    expect(parsed.turns[0]).toEqual({
      speaker: 'Mentor', text: 'Welkom bij de opleiding, Daan. Ik wil beginnen met een vraag: wat wil je hier halen?', startMs: null,
    });
    expect(parsed.turns[6]).toEqual({
      speaker: 'Mentor', text: 'Afspraak: we zoeken samen een snuffelstage bij een servicedesk, en over zes weken praten we verder.', startMs: null,
    });
    expect(parsed.skipped).toEqual([]);
  });

  it.each(['gesprek-stage-teams.vtt', 'gesprek-praktijk.srt', 'gesprek-intake.txt'])(
    '%s gives identical turns with a BOM and CRLF, or CR only, line endings',
    async (name) => {
      const plain = await parseTranscript(name, fixture(name), []);
      expect(await parseTranscript(name, Buffer.concat([BOM, withCrlf(fixture(name))]), [])).toEqual(plain);
      expect(await parseTranscript(name, withCr(fixture(name)), [])).toEqual(plain);
    },
  );

  it('gives identical turns whether cues are numbered or not, in VTT and SRT', async () => {
    const vtt = fixture('gesprek-stage-teams.vtt').toString('utf8');
    let n = 0;
    const numbered = vtt.replace(/^(\d\d:\d\d:\d\d\.\d{3} -->)/gm, (timing) => `${++n}\n${timing}`);
    const named = vtt.replace(/^(\d\d:\d\d:\d\d\.\d{3} -->)/gm, (timing) => `cue-${++n}-a\n${timing}`);
    expect(numbered).not.toBe(vtt);
    const plainVtt = await parseTranscript('a.vtt', Buffer.from(vtt), []);
    expect(await parseTranscript('a.vtt', Buffer.from(numbered), [])).toEqual(plainVtt);
    expect(await parseTranscript('a.vtt', Buffer.from(named), [])).toEqual(plainVtt);

    const srt = fixture('gesprek-praktijk.srt').toString('utf8');
    const unnumbered = srt.replace(/^\d+\n(?=\d\d:)/gm, '');
    expect(unnumbered).not.toMatch(/^\d+$/m);
    expect(await parseTranscript('a.srt', Buffer.from(unnumbered), [])).toEqual(await parseTranscript('a.srt', Buffer.from(srt), []));
  });

  it('reads the extension case-insensitively, also from a full path', async () => {
    const parsed = await parseTranscript('C:\\Users\\mentor\\Downloads\\Gesprek.VTT', fixture('gesprek-stage-teams.vtt'), []);
    expect(parsed.format).toBe('vtt');
    expect(parsed.turns).toHaveLength(9);
  });
});
