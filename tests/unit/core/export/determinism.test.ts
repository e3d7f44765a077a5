import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renumberBookmarks, setCoreDates } from '../../../../electron/core/export/deterministicZip';
import { buildDialogueSummary } from '../../../../electron/core/export/dialogueSummaryDocx';
import { buildDocxInJob } from '../../../../electron/core/export/docxJob';
import type { ExportContext } from '../../../../electron/core/export/exportModel';
import { buildPortfolio } from '../../../../electron/core/export/portfolioDocx';
import { annotation, codes, context, dialogue, docFor, id, leaf, para, part, student, template, unzip } from './docxFixtures';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ctx = (now: Date): ExportContext => context({ now, school: { name: 'Het Baken College', logo: { mimeType: 'image/png', width: 300, height: 100, dataBase64: PNG } } });

function summaryInput() {
  const version = template('dossier-activity');
  const tag = id(900);
  const d = dialogue({
    template: version,
    content: docFor(version, {
      goal: [para(leaf('Kijken '), leaf('of de zorg bij me past', { ann: [tag] }))],
      result: [{ type: 'numbered-list', children: [{ type: 'list-item', children: [leaf('een')] }] }],
    }),
    annotations: [annotation(tag, id(500), 'boundaryExperience', 'of de zorg bij me past', 'memo')],
  });
  return { student, dialogue: d, codes };
}

const portfolioInput = () => ({ student, from: '2026-09-01', to: '2026-12-31', dialogues: [summaryInput().dialogue], codes, actions: [] });

const NOW = new Date('2026-11-29T13:30:00.000Z');
const LATER = new Date('2026-11-29T13:31:00.000Z');

describe('deterministic output', () => {
  it('builds the same bytes in the export worker as in this thread (nothing lost crossing over)', async () => {
    const options = { includePrivate: false, tagsAsComments: true };
    const here = await buildDialogueSummary(summaryInput(), options, ctx(NOW));
    const inJob = await buildDocxInJob({ kind: 'dialogue', input: summaryInput(), options, ctx: ctx(NOW) });
    expect(Buffer.compare(here, inJob)).toBe(0);
    const portfolioHere = await buildPortfolio(portfolioInput(), { includePrivate: false }, ctx(NOW));
    const portfolioInJob = await buildDocxInJob({ kind: 'portfolio', input: portfolioInput(), options: { includePrivate: false }, ctx: ctx(NOW) });
    expect(Buffer.compare(portfolioHere, portfolioInJob)).toBe(0);
  });

  it('gives identical bytes for the same dialogue and clock, with comments and a logo', async () => {
    const options = { includePrivate: false, tagsAsComments: true };
    const first = await buildDialogueSummary(summaryInput(), options, ctx(NOW));
    const second = await buildDialogueSummary(summaryInput(), options, ctx(NOW));
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it('gives identical bytes for the same portfolio and clock, table of contents bookmarks included', async () => {
    const first = await buildPortfolio(portfolioInput(), { includePrivate: false }, ctx(NOW));
    // Something else built in between moves docx's process-wide counters on.
    await buildPortfolio(portfolioInput(), { includePrivate: true }, ctx(LATER));
    const second = await buildPortfolio(portfolioInput(), { includePrivate: false }, ctx(NOW));
    expect(Buffer.compare(first, second)).toBe(0);
    const xml = part(await unzip(first), 'word/document.xml');
    expect(xml).toContain('w:name="_Toc1"');
    expect(xml).toContain('w:anchor="_Toc1"');
  });

  it('gives different bytes when only the clock differs', async () => {
    const first = await buildDialogueSummary(summaryInput(), { includePrivate: false, tagsAsComments: false }, ctx(NOW));
    const second = await buildDialogueSummary(summaryInput(), { includePrivate: false, tagsAsComments: false }, ctx(LATER));
    expect(Buffer.compare(first, second)).not.toBe(0);
  });

  it('writes the clock into core.xml and as every zip entry date', async () => {
    const bytes = await buildPortfolio(portfolioInput(), { includePrivate: false }, ctx(NOW));
    const core = part(await unzip(bytes), 'docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-29T13:30:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-29T13:30:00Z</dcterms:modified>');
    const zip = await JSZip.loadAsync(bytes);
    const dates = Object.values(zip.files).map((entry) => entry.date.toISOString());
    expect(new Set(dates)).toEqual(new Set([NOW.toISOString()]));
  });
});

describe('deterministic packing helpers', () => {
  it('sets both core dates and nothing else', () => {
    const xml = '<dc:title>2020-01-01T00:00:00Z</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00.123Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00.123Z</dcterms:modified>';
    expect(setCoreDates(xml, NOW)).toBe('<dc:title>2020-01-01T00:00:00Z</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2026-11-29T13:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-29T13:30:00Z</dcterms:modified>');
  });

  it('renumbers bookmarks from 1 in markup, leaving text that happens to say _Toc alone', () => {
    const xml = '<w:hyperlink w:anchor="_Toc41"><w:r><w:instrText xml:space="preserve">PAGEREF _Toc41 \\h</w:instrText></w:r></w:hyperlink>'
      + '<w:p><w:bookmarkStart w:name="_Toc41" w:id="41"/><w:r><w:t>see _Toc41 and _Toc42</w:t></w:r><w:bookmarkEnd w:id="41"/></w:p>'
      + '<w:p><w:bookmarkStart w:name="_Toc42" w:id="42"/><w:bookmarkEnd w:id="42"/></w:p>';
    expect(renumberBookmarks(xml)).toBe('<w:hyperlink w:anchor="_Toc1"><w:r><w:instrText xml:space="preserve">PAGEREF _Toc1 \\h</w:instrText></w:r></w:hyperlink>'
      + '<w:p><w:bookmarkStart w:name="_Toc1" w:id="1"/><w:r><w:t>see _Toc41 and _Toc42</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>'
      + '<w:p><w:bookmarkStart w:name="_Toc2" w:id="2"/><w:bookmarkEnd w:id="2"/></w:p>');
  });
});
