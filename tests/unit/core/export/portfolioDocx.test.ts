import { describe, expect, it } from 'vitest';
import type { PortfolioInput } from '../../../../electron/core/export/exportModel';
import { buildPortfolio } from '../../../../electron/core/export/portfolioDocx';
import type { Dialogue, TemplateVersion } from '../../../../shared/dialogueSchemas';
import {
  action, annotation, at, codes, context, dialogue, docFor, id, leaf, para, paragraphTexts, part, plainText, student, stylesOf, template, unzip,
} from './docxFixtures';

const FILLER = 'Ik heb vandaag gezien hoe de verpleegkundigen overleggen en wat dat vraagt van iemand die net begint. ';

function activity(n: number, heldOn: string, title: string, version: TemplateVersion = template('dossier-activity'), extraParagraphs = 0): Dialogue {
  return dialogue({
    id: id(1000 + n), template: version, heldOn, title, status: 'final', finalisedAt: at(heldOn, 16),
    content: docFor(version, {
      goal: [para(leaf(`Doel ${n}: kijken hoe het werk is`)), ...Array.from({ length: extraParagraphs }, () => para(leaf(FILLER.repeat(3))))],
      result: [{ type: 'bulleted-list', children: [{ type: 'list-item', children: [leaf(`Resultaat ${n}`)] }] }],
      evaluation: [para(leaf(`Evaluatie ${n}`, { italic: true }))],
    }),
  });
}

function reflection(n: number, heldOn: string, tags: { boundary?: string; competence?: string } = {}): Dialogue {
  const version = template('external-career');
  const dialogueId = id(2000 + n);
  const boundaryId = id(3000 + n);
  const competenceId = id(4000 + n);
  return dialogue({
    id: dialogueId, template: version, heldOn, title: `Gesprek ${n}`,
    content: docFor(version, {
      share: [para(
        leaf('Ik vertelde: '),
        ...(tags.boundary ? [leaf(tags.boundary, { ann: [boundaryId] })] : []),
        ...(tags.competence ? [leaf(` ${tags.competence}`, { ann: [competenceId] })] : []),
      )],
      'mentor-notes': [para(leaf(`Geheime notitie ${n} `), leaf(`geheim citaat ${n}`, { ann: [id(5000 + n)] }))],
    }),
    annotations: [
      ...(tags.boundary ? [annotation(boundaryId, dialogueId, 'boundaryExperience', tags.boundary, `memo ${n}`, { dilemmaType: 'financial', context: 'sideJob' })] : []),
      ...(tags.competence ? [annotation(competenceId, dialogueId, 'competence:exploration', tags.competence)] : []),
      annotation(id(5000 + n), dialogueId, 'boundaryExperience', `geheim citaat ${n}`, 'geheime memo'),
    ],
  });
}

function input(overrides: Partial<PortfolioInput> = {}): PortfolioInput {
  return {
    student, from: '2026-09-01', to: '2027-01-31',
    dialogues: [
      reflection(1, '2026-09-15', { boundary: 'de kassa klopte niet', competence: 'ik wil met mensen werken' }),
      activity(1, '2026-10-02', 'Open dag ROC'),
      reflection(2, '2026-11-20', { competence: 'de zorg trekt me' }),
      activity(2, '2026-12-10', 'Meeloopdag ziekenhuis'),
    ],
    codes,
    actions: [
      action(id(700), 'Cv afmaken', { dueDate: '2026-11-01', dialogueId: id(2001) }),
      action(id(701), 'Stageplek zoeken', { dueDate: '2027-01-15', owner: 'mentor' }),
      action(id(702), 'Open dag bezoeken', { doneAt: at('2026-10-02') }),
    ],
    ...overrides,
  };
}

async function build(data: PortfolioInput = input(), includePrivate = false, language: 'nl' | 'en' = 'nl') {
  return unzip(await buildPortfolio(data, { includePrivate }, context({ language })));
}

/** The document after its table of contents, whose entries repeat the headings. */
function body(xml: string): string {
  return xml.slice(xml.indexOf('</w:sdt>'));
}

function tableAfter(xml: string, headingText: string): string[][] {
  const at = xml.indexOf(`>${headingText}</w:t>`);
  const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml.slice(at))![0];
  return [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map(([row]) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => paragraphTexts(cell).join('\n')));
}

describe('portfolio', () => {
  it('opens with a cover: title, student, school, period, mentor, school type and programme', async () => {
    const parts = await build();
    const xml = part(parts, 'word/document.xml');
    expect(stylesOf(xml, 'Loopbaanportfolio')).toEqual(['Title']);
    expect(stylesOf(xml, 'Noor el Amrani')).toEqual(['Subtitle']);
    expect(tableAfter(xml, 'Noor el Amrani')).toEqual([
      ['School', 'Het Baken College'],
      ['Periode', '1 september 2026 – 31 januari 2027'],
      ['Mentor', 'Mevr. Jansen'],
      ['Onderwijstype', 'vmbo kader'],
      ['Opleiding', 'Zorg en welzijn'],
    ]);
  });

  it('has a table of contents field over heading levels 1–2 that Word updates on opening', async () => {
    const parts = await build();
    const xml = part(parts, 'word/document.xml');
    expect(xml).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(xml).toMatch(/<w:instrText xml:space="preserve">TOC [^<]*\\o &quot;1-2&quot;/);
    expect(part(parts, 'word/settings.xml')).toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
  });

  it('uses Heading1 for chapters and Heading2 for each activity', async () => {
    const xml = body(part(await build(), 'word/document.xml'));
    for (const chapter of ['Tijdlijn', 'Loopbaanactiviteiten', 'Grenservaringen door de tijd', 'Competentieoverzicht', 'Afspraken']) {
      expect(stylesOf(xml, chapter), chapter).toEqual(['Heading1']);
    }
    expect(stylesOf(xml, '2 oktober 2026 — Open dag ROC')).toEqual(['Heading2']);
    expect(stylesOf(xml, '10 december 2026 — Meeloopdag ziekenhuis')).toEqual(['Heading2']);
  });

  it('lists the dialogues on a timeline, oldest first, with kind, status and number of tags', async () => {
    const data = input();
    const xml = body(part(await build({ ...data, dialogues: [...data.dialogues].reverse() }), 'word/document.xml'));
    expect(tableAfter(xml, 'Tijdlijn')).toEqual([
      ['Datum', 'Titel', 'Soort', 'Status', 'Tags'],
      ['15 september 2026', 'Gesprek 1', 'Externe dialoog', 'Concept', '2'],
      ['2 oktober 2026', 'Open dag ROC', 'Interne dialoog', 'Definitief op 2 oktober 2026', '0'],
      ['20 november 2026', 'Gesprek 2', 'Externe dialoog', 'Concept', '1'],
      ['10 december 2026', 'Meeloopdag ziekenhuis', 'Interne dialoog', 'Definitief op 10 december 2026', '0'],
    ]);
  });

  it('writes each career activity as Doel, Resultaat, Evaluatie, Vervolg', async () => {
    const texts = paragraphTexts(part(await build(), 'word/document.xml'));
    const at = texts.indexOf('2 oktober 2026 — Open dag ROC');
    expect(texts.slice(at, at + 9)).toEqual([
      '2 oktober 2026 — Open dag ROC',
      'Doel', 'Doel 1: kijken hoe het werk is',
      'Resultaat', 'Resultaat 1',
      'Evaluatie', 'Evaluatie 1',
      'Vervolg', 'Niet ingevuld.',
    ]);
    expect(stylesOf(part(await build(), 'word/document.xml'), 'Vervolg')).toEqual(['Heading3', 'Heading3']);
  });

  it('takes a copied activity template by its four section keys, but not the intake (which has only "goal")', async () => {
    const copy = { ...template('dossier-activity'), builtinKey: null, name: 'Mijn activiteit' };
    const intake = template('intake');
    const data = input({
      dialogues: [
        activity(3, '2026-10-05', 'Eigen activiteit', copy),
        dialogue({ id: id(1100), template: intake, heldOn: '2026-10-06', title: 'Intake', content: docFor(intake, { goal: [para(leaf('Intakedoel'))] }) }),
      ],
    });
    const texts = paragraphTexts(part(await build(data), 'word/document.xml'));
    expect(texts).toContain('5 oktober 2026 — Eigen activiteit');
    expect(texts).not.toContain('6 oktober 2026 — Intake');
    expect(texts).not.toContain('Intakedoel');
  });

  it('tables boundary experiences over time with date, quote, dilemma type, context and memo', async () => {
    const xml = body(part(await build(), 'word/document.xml'));
    expect(tableAfter(xml, 'Grenservaringen door de tijd')).toEqual([
      ['Datum', 'Fragment', 'Soort dilemma', 'Context', 'Memo'],
      ['15 september 2026', 'de kassa klopte niet', 'financieel', 'bijbaan', 'memo 1'],
    ]);
  });

  it('counts competence passages per calendar month of the period', async () => {
    const xml = body(part(await build(), 'word/document.xml'));
    expect(tableAfter(xml, 'Competentieoverzicht')).toEqual([
      ['Loopbaancompetentie', 'sep 2026', 'okt 2026', 'nov 2026', 'dec 2026', 'jan 2027'],
      ['Capaciteitenreflectie', '0', '0', '0', '0', '0'],
      ['Motievenreflectie', '0', '0', '0', '0', '0'],
      ['Werkexploratie', '1', '0', '1', '0', '0'],
      ['Loopbaansturing', '0', '0', '0', '0', '0'],
      ['Netwerken', '0', '0', '0', '0', '0'],
    ]);
  });

  it('splits a school year into tables of at most six months', async () => {
    const xml = part(await build(input({ from: '2026-08-01', to: '2027-07-31' })), 'word/document.xml');
    const headers = [...xml.matchAll(/<w:tr>(?:(?!<\/w:tr>)[\s\S])*?>Loopbaancompetentie<[\s\S]*?<\/w:tr>/g)]
      .map(([row]) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => paragraphTexts(cell).join('')));
    expect(headers).toEqual([
      ['Loopbaancompetentie', 'aug 2026', 'sep 2026', 'okt 2026', 'nov 2026', 'dec 2026', 'jan 2027'],
      ['Loopbaancompetentie', 'feb 2027', 'mrt 2027', 'apr 2027', 'mei 2027', 'jun 2027', 'jul 2027'],
    ]);
  });

  it('clips a period of decades ("everything") to the months from the first to the last dialogue', async () => {
    const xml = part(await build(input({ from: '2000-01-01', to: '2099-12-31' })), 'word/document.xml');
    const headers = [...xml.matchAll(/<w:tr>(?:(?!<\/w:tr>)[\s\S])*?>Loopbaancompetentie<[\s\S]*?<\/w:tr>/g)]
      .map(([row]) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => paragraphTexts(cell).join('')));
    // The fixture's dialogues are held from 15 September to 10 December 2026: one table, not 200.
    expect(headers).toEqual([['Loopbaancompetentie', 'sep 2026', 'okt 2026', 'nov 2026', 'dec 2026']]);
  });

  it('sets cell margins once per table, not on every cell', async () => {
    const xml = part(await build(), 'word/document.xml');
    const tables = xml.match(/<w:tbl>/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(2);
    expect(xml.match(/<w:tblCellMar>/g)?.length).toBe(tables);
    expect(xml).not.toContain('<w:tcMar>');
  });

  it('lists open agreements first, late ones marked, then the done ones', async () => {
    const xml = body(part(await build(), 'word/document.xml'));
    expect(tableAfter(xml, 'Open afspraken')).toEqual([
      ['Afspraak', 'Wie', 'Uiterlijk', 'Uit gesprek'],
      ['Cv afmaken', 'leerling', '1 november 2026 (te laat)', '15 september 2026'],
      ['Stageplek zoeken', 'mentor', '15 januari 2027', '—'],
    ]);
    expect(tableAfter(xml, 'Afgeronde afspraken')).toEqual([
      ['Afspraak', 'Wie', 'Gedaan op', 'Uit gesprek'],
      ['Open dag bezoeken', 'leerling', '2 oktober 2026', '—'],
    ]);
    expect(xml.indexOf('>Open afspraken<')).toBeLessThan(xml.indexOf('>Afgeronde afspraken<'));
  });

  it('never shows private sections, their quotes or memos unless asked', async () => {
    const parts = await build();
    const all = [...parts.values()].join('\n');
    expect(all).not.toContain('Geheime notitie');
    expect(all).not.toContain('geheim citaat');
    expect(all).not.toContain('geheime memo');
    const included = plainText(part(await build(input(), true), 'word/document.xml'));
    expect(included).toContain('geheim citaat 1');
    expect(included).toContain('geheime memo');
  });

  it('leaves out a private activity part unless asked, and marks it when included', async () => {
    const base = template('dossier-activity');
    const copy = { ...base, builtinKey: null, sections: base.sections.map((section) => (section.key === 'evaluation' ? { ...section, private: true } : section)) };
    const data = input({ dialogues: [activity(4, '2026-10-05', 'Snuffelstage', copy)] });
    const hidden = paragraphTexts(body(part(await build(data), 'word/document.xml')));
    expect(hidden).not.toContain('Evaluatie 4');
    expect(hidden.filter((text) => text.startsWith('Evaluatie'))).toEqual([]);
    const shown = paragraphTexts(body(part(await build(data, true), 'word/document.xml')));
    expect(shown).toEqual(expect.arrayContaining(['Evaluatie (privé)', 'Evaluatie 4']));
  });

  it('says so where there is nothing to show', async () => {
    const texts = paragraphTexts(part(await build(input({ dialogues: [], actions: [] })), 'word/document.xml'));
    for (const sentence of ['Geen gesprekken in deze periode.', 'Geen loopbaanactiviteiten in deze periode.', 'Geen grenservaringen getagd in deze periode.', 'Geen open afspraken.', 'Geen afgeronde afspraken.']) {
      expect(texts).toContain(sentence);
    }
  });

  it('writes English labels for "en"', async () => {
    const full = part(await build(input(), false, 'en'), 'word/document.xml');
    const xml = body(full);
    expect(stylesOf(full, 'Career portfolio')).toEqual(['Title']);
    for (const chapter of ['Timeline', 'Career activities', 'Boundary experiences over time', 'Competence overview', 'Agreements']) {
      expect(stylesOf(xml, chapter), chapter).toEqual(['Heading1']);
    }
    expect(tableAfter(full, 'Noor el Amrani')[1]).toEqual(['Period', '1 September 2026 – 31 January 2027']);
    expect(tableAfter(xml, 'Competence overview')[0]).toEqual(['Career competence', 'Sep 2026', 'Oct 2026', 'Nov 2026', 'Dec 2026', 'Jan 2027']);
    expect(paragraphTexts(xml)).toEqual(expect.arrayContaining(['Goal', 'Result', 'Evaluation', 'Follow-up']));
    expect(tableAfter(xml, 'Open agreements')[1]![2]).toBe('1 November 2026 (overdue)');
  });

  it('builds a portfolio of 500 dialogues', async () => {
    const dialogues = Array.from({ length: 500 }, (_, n) => {
      const day = `2026-${String(9 + Math.floor(n / 125)).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
      return n % 2 === 0 ? activity(n, day, `Activiteit ${n}`, template('dossier-activity'), 10) : reflection(n, day, { boundary: `grens ${n}`, competence: `competentie ${n}` });
    });
    const started = performance.now();
    const bytes = await buildPortfolio(input({ dialogues }), { includePrivate: false }, context());
    console.log(`portfolio of 500 dialogues: ${Math.round(performance.now() - started)} ms, ${Math.round(bytes.length / 1024)} KiB`);
    const xml = part(await unzip(bytes), 'word/document.xml');
    expect(xml).toContain('>Activiteit 498<');
    expect(xml).toContain('>grens 499<');
  });
});
