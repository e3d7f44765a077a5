import { describe, expect, it } from 'vitest';
import type { PortfolioInput, PortfolioOptions } from '../../../../electron/core/export/exportModel';
import { buildPortfolio } from '../../../../electron/core/export/portfolioDocx';
import type { Dialogue } from '../../../../shared/dialogueSchemas';
import { annotation, at, codes, context, dialogue, docFor, id, leaf, para, paragraphTexts, part, plainText, student, template, unzip } from './docxFixtures';

/**
 * The portfolio with the student's own words: reflections (internal dialogues) beside the
 * career-file activities, boundary experiences marked in the text, and only what was chosen.
 * Each test opens the produced .docx and reads word/document.xml (and footnotes.xml).
 */

const activityTemplate = template('dossier-activity');
const reflectionTemplate = template('internal-reflection');
const externalTemplate = template('external-career');

function activity(n: number, heldOn: string, title: string): Dialogue {
  return dialogue({
    id: id(1000 + n), template: activityTemplate, heldOn, title, status: 'final', finalisedAt: at(heldOn, 16),
    content: docFor(activityTemplate, {
      goal: [para(leaf(`Ik wilde zien hoe een dag in de zorg eruitziet (${n}).`))],
      result: [para(leaf(`Ik heb een ochtend meegelopen op de afdeling (${n}).`))],
      evaluation: [para(leaf(`Het ging beter dan ik dacht (${n}).`))],
      'follow-up': [para(leaf(`Ik ga een snuffelstage aanvragen (${n}).`))],
    }),
  });
}

/** An internal reflection; the boundary experience sits in "Wat heb je meegemaakt?". */
function reflection(n: number, heldOn: string, boundary?: string): Dialogue {
  const dialogueId = id(2000 + n);
  const tagId = id(3000 + n);
  return dialogue({
    id: dialogueId, template: reflectionTemplate, heldOn, title: `Reflectie ${n}`,
    content: docFor(reflectionTemplate, {
      experience: [para(leaf(`Op mijn stage gebeurde iets (${n}): `), ...(boundary ? [leaf(boundary, { ann: [tagId] })] : []), leaf(' en dat bleef hangen.'))],
      values: [para(leaf(`Eerlijk zijn naar cliënten vind ik belangrijk (${n}).`))],
    }),
    annotations: boundary ? [annotation(tagId, dialogueId, 'boundaryExperience', boundary, `memo bij ${n}`, { dilemmaType: 'ethical', context: 'internship' })] : [],
  });
}

function conversation(n: number, heldOn: string): Dialogue {
  const dialogueId = id(4000 + n);
  const secretTag = id(5000 + n);
  return dialogue({
    id: dialogueId, template: externalTemplate, heldOn, title: `Loopbaangesprek ${n}`,
    content: docFor(externalTemplate, {
      share: [para(leaf(`De leerling vertelde over de open dag (${n}).`))],
      'mentor-notes': [para(leaf(`Privé: thuis speelt er iets (${n}) `), leaf(`geheim grensfragment ${n}`, { ann: [secretTag] }))],
    }),
    annotations: [annotation(secretTag, dialogueId, 'boundaryExperience', `geheim grensfragment ${n}`, 'geheime memo', { dilemmaType: 'financial' })],
  });
}

function input(dialogues: Dialogue[]): PortfolioInput {
  return { student, from: '2026-09-01', to: '2027-06-30', dialogues, codes, actions: [] };
}

const world = () => input([
  activity(1, '2026-10-02', 'Meeloopdag ziekenhuis'),
  reflection(1, '2026-10-09', 'de verpleegkundige loog tegen de familie'),
  reflection(2, '2026-12-15'),
  conversation(1, '2026-11-05'),
]);

async function build(data: PortfolioInput, options: Partial<PortfolioOptions> = {}) {
  const parts = await unzip(await buildPortfolio(data, { includePrivate: false, ...options }, context()));
  return { parts, xml: part(parts, 'word/document.xml') };
}

/** The paragraphs after the table of contents (whose entries repeat the headings). */
function bodyTexts(xml: string): string[] {
  return paragraphTexts(xml.slice(xml.indexOf('</w:sdt>')));
}

describe('portfolio with reflections', () => {
  it('puts the reflection written within two weeks under its activity, after Doel, Resultaat, Evaluatie, Vervolg', async () => {
    const texts = bodyTexts((await build(world())).xml);
    const start = texts.indexOf('2 oktober 2026 — Meeloopdag ziekenhuis');
    expect(texts.slice(start, start + 15)).toEqual([
      '2 oktober 2026 — Meeloopdag ziekenhuis',
      'Doel', 'Ik wilde zien hoe een dag in de zorg eruitziet (1).',
      'Resultaat', 'Ik heb een ochtend meegelopen op de afdeling (1).',
      'Evaluatie', 'Het ging beter dan ik dacht (1).',
      'Vervolg', 'Ik ga een snuffelstage aanvragen (1).',
      'Reflectie',
      '9 oktober 2026 — Reflectie 1',
      'Wat heb je meegemaakt?',
      // The footnote reference after the tagged words is a run of its own, with no text.
      'Op mijn stage gebeurde iets (1): de verpleegkundige loog tegen de familie en dat bleef hangen.',
      'Wat vind je belangrijk?',
      'Eerlijk zijn naar cliënten vind ik belangrijk (1).',
    ]);
  });

  it('gives reflections that follow no activity a chapter of their own, with the student\'s sentences', async () => {
    const texts = bodyTexts((await build(world())).xml);
    const chapter = texts.indexOf('Reflecties');
    expect(chapter).toBeGreaterThan(texts.indexOf('Reflectie'));
    expect(texts.slice(chapter)).toEqual(expect.arrayContaining(['15 december 2026 — Reflectie 2', 'Eerlijk zijn naar cliënten vind ik belangrijk (2).']));
    // Reflection 1 is under its activity, not here a second time.
    expect(texts.filter((text) => text === 'Eerlijk zijn naar cliënten vind ik belangrijk (1).')).toHaveLength(1);
  });

  it('marks the boundary experience in the text and names its dilemma type in a footnote', async () => {
    const { parts, xml } = await build(world());
    const run = /<w:r>(?:(?!<\/w:r>)[\s\S])*?de verpleegkundige loog tegen de familie<\/w:t><\/w:r>/.exec(xml)?.[0] ?? '';
    expect(run).toContain('<w:rStyle w:val="BoundaryMark"/>');
    // Untagged words of the same paragraph are not marked.
    const plain = /<w:r>(?:(?!<\/w:r>)[\s\S])*? en dat bleef hangen\.<\/w:t><\/w:r>/.exec(xml)?.[0] ?? '';
    expect(plain).not.toContain('BoundaryMark');
    // The reference follows the marked words.
    const after = xml.slice(xml.indexOf('de verpleegkundige loog tegen de familie'));
    expect(after.indexOf('<w:footnoteReference w:id="1"/>')).toBeGreaterThan(-1);
    expect(after.indexOf('<w:footnoteReference w:id="1"/>')).toBeLessThan(after.indexOf('en dat bleef hangen.'));
    const footnotes = part(parts, 'word/footnotes.xml');
    expect(plainText(footnotes)).toContain('Grenservaring — ethisch, stage: memo bij 1');
    expect(part(parts, 'word/styles.xml')).toContain('w:styleId="BoundaryMark"');
    expect(bodyTexts(xml)).toContain('Tekst die als grenservaring is getagd, staat gemarkeerd; de voetnoot noemt het soort dilemma.');
  });

  it('leaves external conversations out by default and puts their text in when ticked, still without private notes', async () => {
    const plain = (await build(world())).xml;
    expect(plain).not.toContain('De leerling vertelde over de open dag');
    const withExternal = await build(world(), { sections: { activities: true, reflections: true, external: true } });
    const texts = bodyTexts(withExternal.xml);
    expect(texts).toEqual(expect.arrayContaining(['Gesprekken', '5 november 2026 — Loopbaangesprek 1', 'De leerling vertelde over de open dag (1).']));
    const everything = [...withExternal.parts.values()].join('\n');
    expect(everything).not.toContain('thuis speelt er iets');
    expect(everything).not.toContain('geheim grensfragment');
    expect(everything).not.toContain('geheime memo');
  });

  it('shows a private note, marked, only when includePrivate is set', async () => {
    const { parts, xml } = await build(world(), { includePrivate: true, sections: { activities: true, reflections: true, external: true } });
    const texts = bodyTexts(xml);
    expect(texts).toContain('Notities mentor (privé)');
    expect(plainText(xml)).toContain('Privé: thuis speelt er iets (1) geheim grensfragment 1');
    expect(plainText(part(parts, 'word/footnotes.xml'))).toContain('Grenservaring — financieel: geheime memo');
  });

  it('honours the section choice: no reflections, or no activities', async () => {
    const noReflections = bodyTexts((await build(world(), { sections: { activities: true, reflections: false, external: false } })).xml);
    expect(noReflections).toContain('Ik ga een snuffelstage aanvragen (1).');
    expect(noReflections).not.toContain('Reflectie');
    expect(noReflections).not.toContain('Reflecties');
    expect(noReflections.join('\n')).not.toContain('Eerlijk zijn naar cliënten');

    const noActivities = bodyTexts((await build(world(), { sections: { activities: false, reflections: true, external: false } })).xml);
    expect(noActivities).not.toContain('Loopbaanactiviteiten');
    expect(noActivities.join('\n')).not.toContain('snuffelstage aanvragen');
    // Without activities, every reflection stands in the reflections chapter.
    expect(noActivities).toEqual(expect.arrayContaining(['9 oktober 2026 — Reflectie 1', '15 december 2026 — Reflectie 2']));
  });

  it('keeps the overview tables: the timeline lists the chosen dialogues with their tag counts', async () => {
    const texts = bodyTexts((await build(world())).xml);
    const timeline = texts.indexOf('Tijdlijn');
    expect(texts.slice(timeline, timeline + 25)).toEqual(expect.arrayContaining(['9 oktober 2026', 'Reflectie 1', '5 november 2026', 'Loopbaangesprek 1']));
    expect(texts).toContain('Grenservaringen door de tijd');
    expect(texts).toContain('Competentieoverzicht');
  });

  it('numbers footnotes in reading order across chapters, the same bytes every time', async () => {
    const data = input([
      activity(1, '2026-10-02', 'Meeloopdag'),
      reflection(1, '2026-10-03', 'eerste grens'),
      reflection(2, '2027-02-01', 'tweede grens'),
    ]);
    const first = await buildPortfolio(data, { includePrivate: false }, context());
    const again = await buildPortfolio({ ...data, dialogues: [...data.dialogues].reverse() }, { includePrivate: false }, context());
    expect(first.equals(again)).toBe(true);
    const xml = part(await unzip(first), 'word/document.xml');
    expect(xml.indexOf('eerste grens')).toBeLessThan(xml.indexOf('<w:footnoteReference w:id="1"/>'));
    expect(xml.indexOf('tweede grens')).toBeLessThan(xml.indexOf('<w:footnoteReference w:id="2"/>'));
    expect(xml.indexOf('<w:footnoteReference w:id="1"/>')).toBeLessThan(xml.indexOf('tweede grens'));
  });
});
