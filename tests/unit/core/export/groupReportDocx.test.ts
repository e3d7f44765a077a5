import { describe, expect, it } from 'vitest';
import { buildGroupReport, type GroupReportInput } from '../../../../electron/core/export/groupReportDocx';
import type { GroupRow } from '../../../../shared/searchSchemas';
import { context, paragraphTexts, part, plainText, unzip } from './docxFixtures';
import { wellFormed } from './xmlCheck';

const zeroCompetences = { capacities: 0, motives: 0, exploration: 0, steering: 0, networking: 0 };
const zeroDilemmas = { ethical: 0, financial: 0, quality: 0, other: 0, none: 0 };

function row(name: string, fields: Partial<GroupRow> = {}): GroupRow {
  return {
    studentId: `00000000-0000-4000-8000-${String(name.length).padStart(12, '0')}`,
    displayName: name, dialogues: 0, internal: 0, external: 0,
    boundaryByDilemma: zeroDilemmas, passagesByCompetence: zeroCompetences,
    overdueActions: 0, lastDialogue: null, quiet: true, ...fields,
  };
}

const rows: GroupRow[] = [
  row('Anna de Vries', {
    dialogues: 3, internal: 1, external: 2, boundaryByDilemma: { ...zeroDilemmas, ethical: 2, none: 1 },
    passagesByCompetence: { ...zeroCompetences, motives: 4, steering: 1 }, overdueActions: 2, lastDialogue: '2026-11-02', quiet: false,
  }),
  row('Bram Jansen', {
    dialogues: 1, internal: 0, external: 1, boundaryByDilemma: { ...zeroDilemmas, quality: 5 },
    passagesByCompetence: { ...zeroCompetences, networking: 2 }, lastDialogue: '2026-09-20',
  }),
  row('Cato'),
];

const input = (fields: Partial<GroupReportInput> = {}): GroupReportInput => ({
  filter: { cohort: '2026', mentor: 'Mevr. Smit', weeksWithoutDialogue: 6 }, rows, quotes: null, ...fields,
});

async function documentXml(bytes: Buffer): Promise<string> {
  const xml = part(await unzip(bytes), 'word/document.xml');
  expect(wellFormed(xml)).toBe(true);
  return xml;
}

/** The rows of the first table after the paragraph with the given text, each as its cell texts. */
function tableAfter(xml: string, headingText: string): string[][] {
  const start = xml.indexOf(`>${headingText}<`);
  expect(start).toBeGreaterThan(-1);
  const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml.slice(start))![0];
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([tr]) =>
    [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) => paragraphTexts(tc).join('\n')));
}

describe('group report docx', () => {
  it('has the title, the filter, the date and one row per student with a totals row', async () => {
    const xml = await documentXml(await buildGroupReport(input(), context()));
    const text = plainText(xml);
    expect(paragraphTexts(xml)[0]).toBe('Groepsoverzicht');
    expect(text).toContain('Cohort: 2026');
    expect(text).toContain('Mentor: Mevr. Smit');
    expect(text).toContain('29 november 2026');
    expect(text).toContain('Geen gesprek in de laatste 6 weken');
    // Headers carry optional hyphens (U+00AD); what a reader sees is the text without them.
    expect(tableAfter(xml, 'Leerlingen').map((row) => row.map((cell) => cell.replace(/\u00AD/g, '')))).toEqual([
      ['Leerling', 'Gesprekken (intern / extern)', 'Grenservaringen', 'Competentiefragmenten', 'Afspraken te laat', 'Laatste gesprek', 'Geen gesprek in 6 weken'],
      ['Anna de Vries', '3 (1 / 2)', '3', '5', '2', '02-11-2026', ''],
      ['Bram Jansen', '1 (0 / 1)', '5', '2', '0', '20-09-2026', 'ja'],
      ['Cato', '0 (0 / 0)', '0', '0', '0', '—', 'ja'],
      ['Totaal', '4 (1 / 3)', '8', '7', '2', '', '2'],
    ]);
  });

  it('totals the group per competence and per dilemma type', async () => {
    const xml = await documentXml(await buildGroupReport(input(), context()));
    const competences = tableAfter(xml, 'Loopbaancompetenties in de groep').slice(1);
    // capacities, motives, exploration, steering, networking, then the total.
    expect(competences.map((cells) => cells[1])).toEqual(['0', '4', '0', '1', '2', '7']);
    expect(competences.map((cells) => cells[0])).toHaveLength(6);
    expect(competences[5]![0]).toBe('Totaal');
    expect(tableAfter(xml, 'Grenservaringen per soort dilemma').slice(1)).toEqual([
      ['ethisch', '2'], ['financieel', '0'], ['kwaliteit', '5'], ['anders', '0'], ['niet aangegeven', '1'], ['Totaal', '8'],
    ]);
  });

  it('says "all active students" without a filter, and writes in English when asked', async () => {
    const xml = await documentXml(await buildGroupReport(input({ filter: { weeksWithoutDialogue: 4 } }), context({ language: 'en' })));
    const text = plainText(xml);
    expect(paragraphTexts(xml)[0]).toBe('Group overview');
    expect(text).toContain('All active students');
    expect(text).toContain('No dialogue in 4 weeks');
    expect(text).toContain('29 November 2026');
  });

  it('shows quotes only when they are given', async () => {
    const quotes = [{ studentId: rows[0]!.studentId, displayName: 'Anna de Vries', quotes: [{ heldOn: '2026-11-02', quote: 'de klant wilde dat ik loog', dilemmaType: 'ethical', context: 'internship' }] }];
    const without = plainText(await documentXml(await buildGroupReport(input(), context())));
    expect(without).not.toContain('de klant wilde dat ik loog');
    expect(without).not.toContain('Grenservaringen per leerling');
    const withQuotes = plainText(await documentXml(await buildGroupReport(input({ quotes }), context())));
    expect(withQuotes).toContain('Grenservaringen per leerling');
    expect(withQuotes).toContain('de klant wilde dat ik loog');
    expect(withQuotes).toContain('stage');
  });

  it('gives identical bytes for identical input and clock, and different bytes for another clock', async () => {
    const first = await buildGroupReport(input(), context());
    const second = await buildGroupReport(input(), context());
    expect(first.equals(second)).toBe(true);
    const later = await buildGroupReport(input(), context({ now: new Date(2026, 11, 1, 9, 0, 0) }));
    expect(later.equals(first)).toBe(false);
  });

  it('says so when the group is empty', async () => {
    const text = plainText(await documentXml(await buildGroupReport(input({ rows: [] }), context())));
    expect(text).toContain('Geen actieve leerlingen in deze groep.');
  });
});
