import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_LIMITS } from '../../../../electron/core/import/limits';
import { parseTranscriptInJob } from '../../../../electron/core/import/parseTranscriptJob';
import { readZipEntry } from '../../../../electron/core/import/zipEntry';
import { expectAppError } from '../../helpers/core';
import { DOCX_XML, docxBomb, docxWithXml } from './zipBuilder';

/** Runs `work` while sampling this process's RSS (the worker's heap counts in it). */
async function measured<T>(work: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; ms: number; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const started = performance.now();
  const [result] = await Promise.allSettled([work()]);
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result: result!, ms, growthMb: (peak - before) / 2 ** 20 };
}

function codeOf(result: PromiseSettledResult<unknown>): string {
  if (result.status === 'fulfilled') return 'fulfilled';
  return (result.reason as { code?: string }).code ?? String(result.reason);
}

describe('hostile Word documents (issue 13: the three bombs)', () => {
  // The bombs of the issue: before, 50 MB came in as one 32-million-character turn after 18 s,
  // 150 MB killed the process with the vault (heap out of memory), 1.5 GB took 11.5 s and 3 GiB.
  it.each([
    ['50 MB', 50],
    ['150 MB', 150],
    ['1.5 GB', 1_500],
  ])('refuses a .docx that inflates to %s, honest or lying about its size, within 2 s and 200 MB', async (_label, megabytes) => {
    for (const lie of [false, true]) {
      const bytes = docxBomb(megabytes, { lie });
      expect(bytes.length).toBeLessThan(8 * 2 ** 20);
      const { result, ms, growthMb } = await measured(() => parseTranscriptInJob('bom.docx', bytes, []));
      expect(codeOf(result)).toBe('FILE_UNPACKED_TOO_LARGE');
      expect(ms).toBeLessThan(2_000);
      expect(growthMb).toBeLessThan(200);
    }
  });

  it('caps the bytes actually inflated even when the central directory declares a few KB', () => {
    const bytes = docxBomb(40, { lie: true });
    expect(() => readZipEntry(bytes, 'word/document.xml', { maxBytes: 1_000_000 })).toThrow(expect.objectContaining({ code: 'FILE_UNPACKED_TOO_LARGE' }));
    // Under the cap the same entry reads whole, so the cap and not damage refused it.
    expect(readZipEntry(docxBomb(2, { lie: true }), 'word/document.xml', { maxBytes: 4_000_000 })!.length).toBeGreaterThan(2_000_000);
  });

  it('names an over-long paragraph LINE_TOO_LONG, not NO_TURNS', async () => {
    const long = 'a'.repeat(150_000);
    const bytes = docxWithXml(`${DOCX_XML.HEAD}<w:p><w:r><w:t>Mentor: ${long}</w:t></w:r></w:p>${DOCX_XML.TAIL}`);
    await expectAppError(parseTranscriptInJob('lang.docx', bytes, []), 'LINE_TOO_LONG');
  });

  it('names a 9.9 MB one-line text file LINE_TOO_LONG, not "no speakers"', async () => {
    const bytes = Buffer.from(`Mentor: ${'woord '.repeat(1_650_000)}`, 'utf8');
    expect(bytes.length).toBeGreaterThan(9_800_000);
    await expectAppError(parseTranscriptInJob('een-regel.txt', bytes, []), 'LINE_TOO_LONG');
  });

  it('names a document with more paragraphs than any transcript TOO_MANY_LINES', async () => {
    const paragraphs = '<w:p/>'.repeat(TRANSCRIPT_LIMITS.maxLines + 1);
    const bytes = docxWithXml(`${DOCX_XML.HEAD}<w:p><w:r><w:t>Mentor: hallo</w:t></w:r></w:p>${paragraphs}${DOCX_XML.TAIL}`);
    await expectAppError(parseTranscriptInJob('veel.docx', bytes, []), 'TOO_MANY_LINES');
  });

  it('does no entity expansion (billion laughs): a DTD with entities is FILE_UNREADABLE', async () => {
    const dtd = '<!DOCTYPE w:document [<!ENTITY a "hahahahahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const bytes = docxWithXml(`<?xml version="1.0"?>${dtd}<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Mentor: &c;</w:t></w:r></w:p></w:body></w:document>`);
    await expectAppError(parseTranscriptInJob('lach.docx', bytes, []), 'FILE_UNREADABLE');
  });

  it('keeps a soft line break (Shift+Enter) as a turn boundary', async () => {
    const bytes = docxWithXml(`${DOCX_XML.HEAD}<w:p><w:r><w:t>Mentor: Wat is je vraag?</w:t><w:br/><w:t>Leerling: Mijn antwoord.</w:t></w:r></w:p>${DOCX_XML.TAIL}`);
    const parsed = await parseTranscriptInJob('zacht.docx', bytes, []);
    expect(parsed.turns.map((turn) => [turn.speaker, turn.text])).toEqual([['Mentor', 'Wat is je vraag?'], ['Leerling', 'Mijn antwoord.']]);
  });
});

describe('the limited job', () => {
  const normal = Buffer.from('Mentor: Hallo.\nLeerling: Hoi.\n', 'utf8');

  it('answers FILE_TIMEOUT when the deadline passes, and the parse itself works within limits', async () => {
    await expectAppError(parseTranscriptInJob('a.txt', normal, [], { maxHeapMb: 192, deadlineMs: 1 }), 'FILE_TIMEOUT');
    expect((await parseTranscriptInJob('a.txt', normal, [])).turns).toHaveLength(2);
  });

  it('answers FILE_TOO_COMPLEX when the worker exceeds its heap, and this process lives on', async () => {
    const many = Buffer.from('Mentor: een korte zin hier.\n'.repeat(600_000), 'utf8');
    await expectAppError(parseTranscriptInJob('groot.txt', many, [], { maxHeapMb: 24, deadlineMs: 15_000 }), 'FILE_TOO_COMPLEX');
    expect((await parseTranscriptInJob('a.txt', normal, [])).turns).toHaveLength(2);
  });
});
