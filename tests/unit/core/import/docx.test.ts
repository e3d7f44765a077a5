import { Document, Packer, Paragraph, Tab, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';
import { expectAppError } from '../../helpers/core';

/** A real .docx with one paragraph per entry; an array entry is several runs in one paragraph. */
async function docx(paragraphs: (string | (string | Tab)[])[]): Promise<Buffer> {
  const children = paragraphs.map((paragraph) => new Paragraph({
    children: (Array.isArray(paragraph) ? paragraph : [paragraph]).map((part) => (typeof part === 'string' ? new TextRun(part) : new TextRun({ children: [part] }))),
  }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

describe('Word documents', () => {
  it('reads `Name: text` paragraphs like a text file; line numbers are paragraph numbers', async () => {
    const bytes = await docx([
      /* 1 */ 'Verslag intakegesprek',
      /* 2 */ '',
      /* 3 */ 'Mentor: Welkom, Daan.',
      /* 4 */ ['Daan: ', 'Dank ', 'je.'],
      /* 5 */ 'Ik heb er zin in.',
      /* 6 */ 'Mentor: Afspraak: over zes weken verder.',
    ]);
    const parsed = await parseTranscript('intake.docx', bytes, []);
    expect(parsed.format).toBe('docx');
    expect(parsed.turns).toEqual([
      { speaker: 'Mentor', text: 'Welkom, Daan.', startMs: null },
      { speaker: 'Daan', text: 'Dank je. Ik heb er zin in.', startMs: null },
      { speaker: 'Mentor', text: 'Afspraak: over zes weken verder.', startMs: null },
    ]);
    expect(parsed.skipped).toEqual([{ line: 1, reason: 'no_speaker' }]);
  });

  it('reads the Teams export shape: `Name  0:03` paragraphs with the text below them', async () => {
    const bytes = await docx([
      /* 1 */ 'Stagegesprek Sanne-20250312_100000-Vergaderingsopname',
      /* 2 */ '12 maart 2025, 10:00',
      /* 3 */ 'Mentor Jansen   0:03',
      /* 4 */ 'Goedemorgen Sanne.',
      /* 5 */ ['Sanne de Vries', new Tab(), '0:07'],
      /* 6 */ 'Afspraak: ik bel de stage.',
      /* 7 */ 'En ik vraag om een meeloopdag.',
      /* 8 */ 'Jansen, M. (Mentor) 1:02:15',
      /* 9 */ 'Top.',
    ]);
    const parsed = await parseTranscript('Stagegesprek.DOCX', bytes, []);
    expect(parsed.turns).toEqual([
      { speaker: 'Mentor Jansen', text: 'Goedemorgen Sanne.', startMs: 3000 },
      { speaker: 'Sanne de Vries', text: 'Afspraak: ik bel de stage. En ik vraag om een meeloopdag.', startMs: 7000 },
      { speaker: 'Jansen, M. (Mentor)', text: 'Top.', startMs: 3_735_000 },
    ]);
    expect(parsed.speakers).toEqual(['Mentor Jansen', 'Sanne de Vries', 'Jansen, M. (Mentor)']);
    expect(parsed.skipped).toEqual([{ line: 1, reason: 'no_speaker' }, { line: 2, reason: 'no_speaker' }]);
  });

  it('answers EMPTY_FILE for a document without text and NO_TURNS for one without speakers', async () => {
    await expectAppError(parseTranscript('leeg.docx', await docx(['', '   ']), []), 'EMPTY_FILE');
    await expectAppError(parseTranscript('brief.docx', await docx(['Beste Sanne,', 'Tot snel.']), []), 'NO_TURNS');
  });

  it('answers FILE_UNREADABLE for a file that is not a zip, and for a zip without a Word document', async () => {
    await expectAppError(parseTranscript('nep.docx', Buffer.from('Mentor: dit is gewoon tekst\n'), []), 'FILE_UNREADABLE');
    const real = await docx(['Mentor: Hallo.']);
    // Same length, so the archive stays intact; only the main document part is gone.
    const gutted = Buffer.from(real.toString('latin1').replaceAll('word/document.xml', 'word/documenX.xml'), 'latin1');
    expect(gutted.length).toBe(real.length);
    await expectAppError(parseTranscript('kapot.docx', gutted, []), 'FILE_UNREADABLE');
    await expectAppError(parseTranscript('afgekapt.docx', real.subarray(0, real.length >> 1), []), 'FILE_UNREADABLE');
  });
});
