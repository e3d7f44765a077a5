import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';
import { parseTranscriptInJob } from '../../../../electron/core/import/parseTranscriptJob';
import { samePerson } from '../../../../electron/core/import/speakerMerges';
import { ParsedTranscript } from '../../../../shared/dialogueSchemas';
import { expectAppError } from '../../helpers/core';
import { parseText, said } from './helpers';

/** A real .docx with one paragraph per entry. */
async function docx(paragraphs: string[]): Promise<Buffer> {
  const children = paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

// Issue 15: "Teams' older .docx/.txt layout (`0:0:3.450 --> 0:0:7.120` / name / text) gives NO_TURNS".
describe("Teams' older layout: timing line, name line, text", () => {
  const OLD_TEAMS = [
    /* 1 */ '0:0:0.0 --> 0:0:3.450',
    /* 2 */ 'Mentor Jansen',
    /* 3 */ 'Goedemorgen Sanne.',
    /* 4 */ '',
    /* 5 */ '0:0:3.450 --> 0:0:7.120',
    /* 6 */ 'Sanne de Vries',
    /* 7 */ 'Goedemorgen. Afspraak: ik bel de stage.',
    /* 8 */ 'En ik vraag om een meeloopdag.',
    /* 9 */ '',
    /* 10 */ '0:1:2.5 --> 0:1:9.0',
    /* 11 */ 'Jansen, M. (Mentor)',
    /* 12 */ 'Top.',
  ];
  const expected = [
    { speaker: 'Mentor Jansen', text: 'Goedemorgen Sanne.', startMs: 0 },
    { speaker: 'Sanne de Vries', text: 'Goedemorgen. Afspraak: ik bel de stage. En ik vraag om een meeloopdag.', startMs: 3450 },
    { speaker: 'Jansen, M. (Mentor)', text: 'Top.', startMs: 62_500 },
  ];

  it('reads it from a .txt, with the cue start as the turn start and colons kept as text', async () => {
    const parsed = await parseText('teams-oud.txt', OLD_TEAMS.join('\r\n'));
    expect(parsed.turns).toEqual(expected);
    expect(parsed.skipped).toEqual([]);
  });

  it('reads it from a .docx, with or without empty paragraphs between the cues', async () => {
    expect((await parseTranscript('teams-oud.docx', await docx(OLD_TEAMS), [])).turns).toEqual(expected);
    expect((await parseTranscript('teams-oud.docx', await docx(OLD_TEAMS.filter((line) => line !== '')), [])).turns).toEqual(expected);
  });

  it('does not put a cue without a name in the mouth of the speaker before it', async () => {
    const parsed = await parseText('a.txt', [
      /* 1 */ '0:0:1.0 --> 0:0:2.0', /* 2 */ 'Mentor Jansen', /* 3 */ 'Hallo.', /* 4 */ '',
      /* 5 */ '0:0:2.0 --> 0:0:3.0', /* 6 */ 'Ja', /* 7 */ '',
      /* 8 */ '0:0:3.0 --> 0:0:4.0', /* 9 */ 'Sanne', /* 10 */ 'Hoi.',
    ].join('\n'));
    expect(said(parsed)).toEqual([['Mentor Jansen', 'Hallo.'], ['Sanne', 'Hoi.']]);
    expect(parsed.skipped).toEqual([{ line: 6, reason: 'no_speaker' }]);
  });

  it('never turns a timing line into words, also in a `Name: text` file', async () => {
    const parsed = await parseText('a.txt', '00:00:01.000 --> 00:00:02.000\nMentor: Hallo.\n00:00:02.000 --> 00:00:03.000\nSanne: Hoi.\nnog iets');
    expect(said(parsed)).toEqual([['Mentor', 'Hallo.'], ['Sanne', 'Hoi. nog iets']]);
  });
});

// Issue 15: "Otter's 'Speaker 1 0:00' with one space gives NO_TURNS".
describe("Otter's headings", () => {
  const otter = (gap: string) => [
    /* 1 */ `Speaker 1${gap}0:00`,
    /* 2 */ 'Hoi Noor, fijn dat je er bent. Hoe gaat het op stage?',
    /* 3 */ '',
    /* 4 */ `Noor${gap}0:05`,
    /* 5 */ 'Goed. Ik begin om 9:30 en dat vind ik vroeg.',
    /* 6 */ 'Tot morgen 9:30',
    /* 7 */ 'zei mijn begeleider elke dag.',
    /* 8 */ '',
    /* 9 */ `Speaker 1${gap}1:02:07`,
    /* 10 */ 'Dat klinkt als een goede plek.',
    /* 11 */ '',
    /* 12 */ 'Transcribed by https://otter.ai',
  ].join('\n');

  it.each([['one space', ' '], ['two spaces', '  ']])('reads "Speaker 1 0:00" with %s, and a sentence ending in a time stays words', async (_label, gap) => {
    const parsed = await parseText('otter.txt', otter(gap));
    expect(parsed.turns).toEqual([
      { speaker: 'Speaker 1', text: 'Hoi Noor, fijn dat je er bent. Hoe gaat het op stage?', startMs: 0 },
      { speaker: 'Noor', text: 'Goed. Ik begin om 9:30 en dat vind ik vroeg. Tot morgen 9:30 zei mijn begeleider elke dag.', startMs: 5000 },
      { speaker: 'Speaker 1', text: 'Dat klinkt als een goede plek.', startMs: 3_727_000 },
    ]);
    // The footer is not the last words of Speaker 1.
    expect(parsed.skipped).toEqual([{ line: 12, reason: 'tool_note' }]);
  });

  it('reads one-space headings without blank lines between them when each name heads more than one turn', async () => {
    const parsed = await parseText('otter.txt', 'Speaker 1 0:00\nHallo.\nSpeaker 2 0:03\nHoi.\nSpeaker 1 0:05\nDoei.\nSpeaker 2 0:07\nDag!');
    expect(said(parsed)).toEqual([['Speaker 1', 'Hallo.'], ['Speaker 2', 'Hoi.'], ['Speaker 1', 'Doei.'], ['Speaker 2', 'Dag!']]);
  });
});

// Issue 15: "'Transcribed by otter.ai' and Teams' '… heeft de transcriptie gestopt' end up inside the last turn".
describe('recording tool notes', () => {
  it('drops Teams’ start and stop notes (Dutch and English) from a Word export and lists them as tool_note', async () => {
    const bytes = await docx([
      /* 1 */ 'Mentor Jansen heeft de transcriptie gestart',
      /* 2 */ 'Mentor Jansen   0:03',
      /* 3 */ 'Goedemorgen Sanne.',
      /* 4 */ 'Sanne de Vries   0:07',
      /* 5 */ 'Goedemorgen.',
      /* 6 */ 'Jansen, M. (Mentor) stopped transcription',
      /* 7 */ 'Mentor Jansen heeft de transcriptie gestopt.',
    ]);
    const parsed = await parseTranscript('teams.docx', bytes, []);
    expect(said(parsed)).toEqual([['Mentor Jansen', 'Goedemorgen Sanne.'], ['Sanne de Vries', 'Goedemorgen.']]);
    expect(parsed.skipped).toEqual([{ line: 1, reason: 'tool_note' }, { line: 6, reason: 'tool_note' }, { line: 7, reason: 'tool_note' }]);
  });

  it('keeps a sentence that only mentions the transcript, and drops the footer from VTT and SRT cues too', async () => {
    const txt = await parseText('a.txt', 'Mentor: ik heb de transcriptie gestopt, want het is privé.\nSanne: Transcribed by otter.ai is een app.');
    expect(said(txt)).toEqual([['Mentor', 'ik heb de transcriptie gestopt, want het is privé.'], ['Sanne', 'Transcribed by otter.ai is een app.']]);
    expect(txt.skipped).toEqual([]);
    const vtt = await parseText('a.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Mentor>Hallo.</v>\n\n00:00:02.000 --> 00:00:03.000\nMentor Jansen stopped transcription\n');
    expect(said(vtt)).toEqual([['Mentor', 'Hallo.']]);
    expect(vtt.skipped).toEqual([{ line: 7, reason: 'tool_note' }]);
    const srt = await parseText('a.srt', '1\n00:00:01,000 --> 00:00:02,000\nMentor: Hallo.\nTranscribed by otter.ai\n');
    expect(said(srt)).toEqual([['Mentor', 'Hallo.']]);
    expect(srt.skipped).toEqual([{ line: 4, reason: 'tool_note' }]);
  });
});

// Issue 15: "UTF-16 without BOM is refused".
describe('UTF-16 without a byte order mark', () => {
  const text = 'Mentor: Hoe gaat het met je cliënt, Łukasz?\r\nŁukasz: Goed, één vraag.\r\n';

  it('reads little- and big-endian text that is plainly UTF-16', async () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    const expected = [['Mentor', 'Hoe gaat het met je cliënt, Łukasz?'], ['Łukasz', 'Goed, één vraag.']];
    expect(said(await parseTranscript('a.txt', le, []))).toEqual(expected);
    expect(said(await parseTranscript('a.txt', be, []))).toEqual(expected);
    expect(said(await parseTranscript('a.vtt', Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Noor>Hoi.</v>\n', 'utf16le'), []))).toEqual([['Noor', 'Hoi.']]);
  });

  it('still refuses binary data with zero bytes, also where they fall on one side', async () => {
    // 16-bit samples of a quiet sound: small values, so a zero high byte in most units, but
    // control characters everywhere once read as text.
    const samples = Buffer.alloc(4096);
    for (let i = 0; i < samples.length; i += 2) samples[i] = (i * 7) % 31;
    await expectAppError(parseTranscript('a.txt', samples, []), 'FILE_UNREADABLE');
    await expectAppError(parseTranscript('a.txt', Buffer.from([0x4d, 0x65, 0x00, 0x00, 0x6e, 0x00, 0x00, 0x74]), []), 'FILE_UNREADABLE');
  });
});

/** The start of an OLE compound file whose directory holds the given stream names. */
function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(128 * streams.length);
  streams.forEach((name, index) => Buffer.from(name, 'utf16le').copy(directory, index * 128));
  return Buffer.concat([header, Buffer.alloc(1024, 0xff), directory]);
}

// Issue 15: "the real reason for an unusable file named".
describe('the real reason an Office file cannot be read', () => {
  it('answers FILE_PROTECTED for a Word document with a password or sensitivity label, whatever its name', async () => {
    const protectedDocx = compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']);
    await expectAppError(parseTranscript('gesprek.docx', protectedDocx, []), 'FILE_PROTECTED');
    await expectAppError(parseTranscript('gesprek.txt', protectedDocx, []), 'FILE_PROTECTED');
  });

  it('answers FILE_OLD_WORD for a Word 97-2003 document, also one renamed to .docx, and for a .doc name', async () => {
    const oldWord = compoundFile(['Root Entry', 'WordDocument', '1Table', '\u0005SummaryInformation']);
    await expectAppError(parseTranscript('gesprek.docx', oldWord, []), 'FILE_OLD_WORD');
    await expectAppError(parseTranscript('gesprek.DOC', Buffer.from('Mentor: hallo'), []), 'FILE_OLD_WORD');
  });

  it('keeps FILE_UNREADABLE for other compound files and the name through the worker', async () => {
    await expectAppError(parseTranscript('gesprek.docx', compoundFile(['Root Entry', 'Workbook']), []), 'FILE_UNREADABLE');
    await expectAppError(parseTranscriptInJob('gesprek.docx', compoundFile(['Root Entry', 'EncryptedPackage']), []), 'FILE_PROTECTED');
  });
});

// Issue 15: 'Participants "M. Jansen" and "Mentor Jansen" both appear after an import.'
describe('near-duplicate speakers', () => {
  it('offers "M. Jansen" into "Mentor Jansen" and "noor" into "Noor", and merges nothing itself', async () => {
    const parsed = await parseTranscriptInJob('a.txt', Buffer.from([
      'Mentor Jansen: Hoi Noor.',
      'noor: Hoi.',
      'M. Jansen: Hoe gaat het?',
      'Noor: Goed.',
      'Mentor Jansen: Mooi.',
      'Sem: Mag ik ook iets zeggen?',
    ].join('\n')), []);
    expect(parsed.speakers).toEqual(['Mentor Jansen', 'noor', 'M. Jansen', 'Noor', 'Sem']);
    expect(parsed.turns).toHaveLength(6);
    expect(parsed.suggestedMerges).toEqual([{ into: 'Mentor Jansen', from: ['M. Jansen'] }, { into: 'Noor', from: ['noor'] }]);
    // What crosses the IPC boundary is checked against this schema.
    expect(ParsedTranscript.parse(parsed)).toEqual(parsed);
  });

  it('leaves the field out when nobody looks alike', async () => {
    const parsed = await parseText('a.txt', 'Mentor: Hoi.\nLeerling: Hoi.\n');
    expect(parsed).not.toHaveProperty('suggestedMerges');
  });

  it.each([
    ['Mentor Jansen', 'M. Jansen'],
    ['Noor', 'noor'],
    ['Zoë', 'Zoe'],
    ['Jansen, M. (Mentor)', 'Mentor Jansen'],
    ['Sanne de Vries', 'Sanne'],
    ['Jansen', 'P. Jansen'],
    ['Piet Jansen', 'P. Jansen'],
    ['Yılmaz', 'Yilmaz'],
    ['Mentor', 'Mentor Jansen'],
  ])('takes "%s" and "%s" for one person', (a, b) => {
    expect(samePerson(a, b)).toBe(true);
    expect(samePerson(b, a)).toBe(true);
  });

  it.each([
    ['Speaker 1', 'Speaker 2'],
    ['Piet Jansen', 'Anna Jansen'],
    ['P. Jansen', 'A. Jansen'],
    ['Mevr. Jansen', 'Dhr. Jansen'],
    ['Mentor', 'Leerling'],
    ['Sanne de Vries', 'Sanne Bakker'],
    ['Noor', 'Noah'],
    ['Mentor Jansen', 'Docent Jansen'],
  ])('keeps "%s" and "%s" apart', (a, b) => {
    expect(samePerson(a, b)).toBe(false);
    expect(samePerson(b, a)).toBe(false);
  });

  it('never chains different people through a shorter name', async () => {
    const parsed = await parseText('a.txt', 'Jansen: Hoi.\nP. Jansen: Hoi.\nA. Jansen: Hoi.\n');
    expect(parsed.suggestedMerges).toEqual([{ into: 'P. Jansen', from: ['Jansen'] }]);
  });
});
