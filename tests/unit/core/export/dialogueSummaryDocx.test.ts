import { describe, expect, it } from 'vitest';
import { buildDialogueSummary } from '../../../../electron/core/export/dialogueSummaryDocx';
import type { ExportContext } from '../../../../electron/core/export/exportModel';
import type { Dialogue } from '../../../../shared/dialogueSchemas';
import {
  action, annotation, at, codes, context, dialogue, docFor, fileNames, id, leaf, para, paragraphTexts, part, plainText, student, stylesOf,
  template, unzip,
} from './docxFixtures';

// 1×1 PNG: enough for Word to embed; the header scales it by the Logo's declared size.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const BOUNDARY = id(900);
const MOTIVES = id(901);
const SECOND_BOUNDARY = id(902);
const PRIVATE_TAG = id(903);

/** An external career dialogue with overlapping tags, a list, a private note and a tag inside it. */
function careerDialogue(overrides: Partial<Dialogue> = {}): Dialogue {
  const version = template('external-career');
  const dialogueId = id(500);
  return dialogue({
    template: version,
    content: docFor(version, {
      share: [
        {
          type: 'paragraph', speaker: 'Noor', role: 'student', children: [
            leaf('Ik moest '),
            leaf('een cliënt wassen', { ann: [BOUNDARY] }),
            leaf(' die niet wilde', { ann: [BOUNDARY, MOTIVES], bold: true }),
            leaf(' en toen ging ik weg.', { ann: [MOTIVES], italic: true }),
          ],
        },
        { type: 'numbered-list', children: [{ type: 'list-item', children: [leaf('eerst vragen')] }, { type: 'list-item', children: [leaf('dan pas helpen')] }] },
        { type: 'bulleted-list', children: [{ type: 'list-item', children: [leaf('geduld')] }] },
      ],
      feedback: [para(leaf('Mijn begeleider zei dat '), leaf('ik de baas niet durfde te vragen', { ann: [SECOND_BOUNDARY] }), leaf('.'))],
      'mentor-notes': [para(leaf('Zorgen over thuissituatie, '), leaf('vader werkloos', { ann: [PRIVATE_TAG] }))],
    }),
    annotations: [
      annotation(BOUNDARY, dialogueId, 'boundaryExperience', 'een cliënt wassen die niet wilde', 'Botsing tussen zorg en eigen grens', { dilemmaType: 'ethical', context: 'internship' }),
      annotation(MOTIVES, dialogueId, 'competence:motives', 'die niet wilde en toen ging ik weg.'),
      annotation(SECOND_BOUNDARY, dialogueId, 'boundaryExperience', 'ik de baas niet durfde te vragen', '', { dilemmaType: 'quality' }),
      annotation(PRIVATE_TAG, dialogueId, 'boundaryExperience', 'vader werkloos', 'privé memo', { context: 'home' }),
    ],
    actions: [
      action(id(700), 'Stagebegeleider mailen', { dueDate: '2026-11-01', dialogueId }),
      action(id(701), 'Cv bijwerken', { dueDate: '2026-12-15', owner: 'mentor', dialogueId }),
      action(id(702), 'Open dag bezoeken', { doneAt: at('2026-11-25'), dialogueId }),
    ],
    amendments: [{ id: id(800), dialogueId, text: 'Later gebeld met de stage.\nAlles is opgelost.', createdAt: at('2026-12-03') }],
    ...overrides,
  });
}

async function build(d: Dialogue = careerDialogue(), options = { includePrivate: false, tagsAsComments: false }, ctx: ExportContext = context()) {
  const bytes = await buildDialogueSummary({ student, dialogue: d, codes }, options, ctx);
  return { bytes, parts: await unzip(bytes) };
}

/** The cell texts of each table row, for the table whose header row starts with `firstHeader`. */
function tableRows(xml: string, firstHeader: string): string[][] {
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([table]) => [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)]
    .map(([row]) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => paragraphTexts(cell).join('\n'))));
  const found = tables.find((rows) => rows[0]?.[0] === firstHeader);
  if (!found) throw new Error(`no table starting with ${firstHeader}`);
  return found;
}

describe('dialogue summary: structure', () => {
  it('titles the document and uses the Title, Heading1 and Heading2 styles', async () => {
    const { parts } = await build();
    const xml = part(parts, 'word/document.xml');
    expect(stylesOf(xml, 'Terugblik eerste stageweek')).toEqual(['Title']);
    for (const chapter of ['Gegevens', 'Verslag', 'Grenservaringen', 'Loopbaancompetenties', 'Afspraken', 'Aanvullingen']) {
      expect(stylesOf(xml, chapter), chapter).toEqual(['Heading1']);
    }
    for (const section of ['Ervaring delen', 'Doorvragen: wat betekent het voor jou?', 'Feedback', 'Volgende stap kiezen', 'Wie kan je helpen?']) {
      expect(stylesOf(xml, section), section).toEqual(['Heading2']);
    }
    // The styles exist in styles.xml, so Word shows them as headings (and the navigation pane finds them).
    const styles = part(parts, 'word/styles.xml');
    for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3', 'Quote']) expect(styles).toContain(`w:styleId="${style}"`);
  });

  it('falls back to the template name when the dialogue has no title', async () => {
    const { parts } = await build(careerDialogue({ title: '  ' }));
    expect(stylesOf(part(parts, 'word/document.xml'), 'Externe dialoog — loopbaangesprek')).toEqual(['Title']);
    expect(part(parts, 'docProps/core.xml')).toContain('<dc:title>Externe dialoog — loopbaangesprek</dc:title>');
  });

  it('lists the facts: student, long date, kind, template and version, participants with roles, status', async () => {
    const { parts } = await build();
    const rows = tableRows(part(parts, 'word/document.xml'), 'Leerling');
    expect(rows).toEqual([
      ['Leerling', 'Noor el Amrani'],
      ['Datum', '20 november 2026'],
      ['Soort gesprek', 'Externe dialoog'],
      ['Sjabloon', 'Externe dialoog — loopbaangesprek (versie 1)'],
      ['Deelnemers', 'Noor (leerling)\nMevr. Jansen (mentor)'],
      ['Status', 'Concept'],
    ]);
  });

  it('says when a final dialogue was finalised', async () => {
    const { parts } = await build(careerDialogue({ status: 'final', finalisedAt: at('2026-11-21', 9) }));
    expect(tableRows(part(parts, 'word/document.xml'), 'Leerling')).toContainEqual(['Status', 'Definitief op 21 november 2026']);
  });

  it('writes speaker turns with a bold "Naam (rol): " and keeps bold and italic leaves', async () => {
    const { parts } = await build();
    const xml = part(parts, 'word/document.xml');
    expect(paragraphTexts(xml)).toContain('Noor (leerling): Ik moest een cliënt wassen die niet wilde en toen ging ik weg.');
    expect(xml).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">Noor \(leerling\): <\/w:t><\/w:r>/);
    expect(xml).toMatch(/<w:b\/>(?:<w:bCs\/>)?<\/w:rPr><w:t xml:space="preserve"> die niet wilde<\/w:t>/);
    expect(xml).toMatch(/<w:i\/>(?:<w:iCs\/>)?<\/w:rPr><w:t xml:space="preserve"> en toen ging ik weg.<\/w:t>/);
  });

  it('writes bulleted and numbered lists through the numbering declared once', async () => {
    const { parts } = await build();
    const xml = part(parts, 'word/document.xml');
    const numIdOf = (text: string) => new RegExp(`<w:numId w:val="(\\d+)"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">${text}<`).exec(xml)?.[1];
    expect(numIdOf('eerst vragen')).toBeDefined();
    expect(numIdOf('dan pas helpen')).toBe(numIdOf('eerst vragen'));
    expect(numIdOf('geduld')).toBeDefined();
    expect(numIdOf('geduld')).not.toBe(numIdOf('eerst vragen'));
    const numbering = part(parts, 'word/numbering.xml');
    expect(numbering).toContain('w:val="decimal"');
    expect(numbering).toContain('w:val="bullet"');
  });

  it('shows an untouched section as "Niet ingevuld."', async () => {
    const { parts } = await build();
    const texts = paragraphTexts(part(parts, 'word/document.xml'));
    expect(texts[texts.indexOf('Volgende stap kiezen') + 1]).toBe('Niet ingevuld.');
  });
});

describe('dialogue summary: private sections', () => {
  it('leaves private text, its tags and memos out unless asked', async () => {
    const { parts } = await build();
    const all = [...parts.values()].join('\n');
    expect(all).not.toContain('thuissituatie');
    expect(all).not.toContain('vader werkloos');
    expect(all).not.toContain('privé memo');
    expect(all).not.toContain('Notities mentor');
  });

  it('includes them, marked as private, when the mentor ticks it', async () => {
    const { parts } = await build(careerDialogue(), { includePrivate: true, tagsAsComments: false });
    const xml = part(parts, 'word/document.xml');
    expect(plainText(xml)).toContain('Zorgen over thuissituatie, vader werkloos');
    expect(stylesOf(xml, 'Notities mentor (privé)')).toEqual(['Heading2']);
    expect(tableRows(xml, 'Fragment').map((row) => row[0])).toContain('vader werkloos');
  });

  it('marks an included private section of a custom template with "(privé)"', async () => {
    const version = template('intake');
    const custom = { ...version, builtinKey: null, name: 'Eigen intake', sections: version.sections.map((section) => (section.key === 'mentor-notes' ? { ...section, title: 'Eigen notities' } : section)) };
    const d = careerDialogue({ template: custom, content: docFor(custom, { 'mentor-notes': [para(leaf('alleen voor mij'))] }), annotations: [], actions: [], amendments: [] });
    const { parts } = await build(d, { includePrivate: true, tagsAsComments: false });
    expect(stylesOf(part(parts, 'word/document.xml'), 'Eigen notities (privé)')).toEqual(['Heading2']);
  });
});

describe('dialogue summary: tags, agreements and amendments', () => {
  it('tables every tagged boundary experience in document order with dilemma type, context and memo', async () => {
    const { parts } = await build();
    expect(tableRows(part(parts, 'word/document.xml'), 'Fragment')).toEqual([
      ['Fragment', 'Soort dilemma', 'Context', 'Memo'],
      ['een cliënt wassen die niet wilde', 'ethisch', 'stage', 'Botsing tussen zorg en eigen grens'],
      ['ik de baas niet durfde te vragen', 'kwaliteit', 'niet aangegeven', ''],
    ]);
  });

  it('puts quotes in the Quote style', async () => {
    const { parts } = await build();
    expect(stylesOf(part(parts, 'word/document.xml'), 'een cliënt wassen die niet wilde')).toEqual(['Quote']);
  });

  it('counts passages per competence touched', async () => {
    const { parts } = await build();
    expect(tableRows(part(parts, 'word/document.xml'), 'Loopbaancompetentie')).toEqual([
      ['Loopbaancompetentie', 'Fragmenten'],
      ['Motievenreflectie', '1'],
    ]);
  });

  it('tables agreements with owner, due date and done, marking late ones', async () => {
    const { parts } = await build();
    expect(tableRows(part(parts, 'word/document.xml'), 'Afspraak')).toEqual([
      ['Afspraak', 'Wie', 'Uiterlijk', 'Gedaan'],
      ['Stagebegeleider mailen', 'leerling', '1 november 2026', 'nee (te laat)'],
      ['Cv bijwerken', 'mentor', '15 december 2026', 'nee'],
      ['Open dag bezoeken', 'leerling', '—', '25 november 2026'],
    ]);
  });

  it('lists amendments with their date', async () => {
    const { parts } = await build();
    const texts = paragraphTexts(part(parts, 'word/document.xml'));
    const at = texts.indexOf('Aangevuld op 3 december 2026');
    expect(texts.slice(at + 1, at + 3)).toEqual(['Later gebeld met de stage.', 'Alles is opgelost.']);
  });

  it('says so instead of writing empty tables, and leaves out an empty amendments chapter', async () => {
    const version = template('external-career');
    const { parts } = await build(careerDialogue({ content: docFor(version), annotations: [], actions: [], amendments: [] }));
    const xml = part(parts, 'word/document.xml');
    const texts = paragraphTexts(xml);
    expect(texts).toContain('Geen grenservaringen getagd.');
    expect(texts).toContain('Geen loopbaancompetenties getagd.');
    expect(texts).toContain('Geen afspraken.');
    expect(texts).not.toContain('Aanvullingen');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1); // only the facts
  });
});

describe('dialogue summary: tags as Word comments', () => {
  const commentIds = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<w:${element} w:id="(\\d+)"`, 'g'))].map((match) => match[1]);

  it('writes one comment per tagged passage with code, attributes, memo, author and date', async () => {
    const { parts } = await build(careerDialogue(), { includePrivate: false, tagsAsComments: true });
    const comments = part(parts, 'word/comments.xml');
    expect(commentIds(comments, 'comment')).toEqual(['0', '1', '2']);
    expect(paragraphTexts(comments)).toEqual([
      'Grenservaring — ethisch, stage: Botsing tussen zorg en eigen grens',
      'Motievenreflectie',
      'Grenservaring — kwaliteit',
    ]);
    expect(comments).toContain('w:author="Mevr. Jansen"');
    expect(comments).toContain(`w:date="${context().now.toISOString()}"`);
    expect(comments).not.toContain('vader werkloos');
  });

  it('anchors each comment on exactly its words, with overlapping ranges nested', async () => {
    const { parts } = await build(careerDialogue(), { includePrivate: false, tagsAsComments: true });
    const xml = part(parts, 'word/document.xml');
    expect(commentIds(xml, 'commentRangeStart').sort()).toEqual(['0', '1', '2']);
    expect(commentIds(xml, 'commentRangeEnd').sort()).toEqual(['0', '1', '2']);
    expect(commentIds(xml, 'commentReference').sort()).toEqual(['0', '1', '2']);
    // Between start and end of a comment: exactly the tagged words.
    const covered = (commentId: string) => plainText(`<w:p>${new RegExp(`<w:commentRangeStart w:id="${commentId}"/>([\\s\\S]*?)<w:commentRangeEnd w:id="${commentId}"/>`).exec(xml)![1]!}</w:p>`);
    expect(covered('0')).toBe('een cliënt wassen die niet wilde');
    expect(covered('1')).toBe('die niet wilde en toen ging ik weg.');
    expect(covered('2')).toBe('ik de baas niet durfde te vragen');
    // The overlap: 1 opens inside 0, 0 closes inside 1.
    const order = [...xml.matchAll(/<w:comment(RangeStart|RangeEnd) w:id="([01])"\/>/g)].map((match) => `${match[1]}${match[2]}`);
    expect(order).toEqual(['RangeStart0', 'RangeStart1', 'RangeEnd0', 'RangeEnd1']);
  });

  it('spans a comment over paragraphs when the tag does', async () => {
    const version = template('external-career');
    const tag = id(910);
    const d = careerDialogue({
      content: docFor(version, { share: [para(leaf('begin '), leaf('over twee', { ann: [tag] })), para(leaf('alinea’s heen', { ann: [tag] }), leaf(' einde'))] }),
      annotations: [annotation(tag, id(500), 'learningQuestion', 'over twee … alinea’s heen')],
    });
    const { parts } = await build(d, { includePrivate: false, tagsAsComments: true });
    const xml = part(parts, 'word/document.xml');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([paragraph]) => paragraph);
    const start = paragraphs.findIndex((paragraph) => paragraph.includes('<w:commentRangeStart w:id="0"/>'));
    const end = paragraphs.findIndex((paragraph) => paragraph.includes('<w:commentRangeEnd w:id="0"/>'));
    expect(paragraphTexts(paragraphs[start]!)).toEqual(['begin over twee']);
    expect(paragraphTexts(paragraphs[end]!)).toEqual(['alinea’s heen einde']);
    expect(paragraphTexts(part(parts, 'word/comments.xml'))).toEqual(['Leervraag']);
  });

  it('writes no comments when not asked', async () => {
    const { parts } = await build();
    expect(part(parts, 'word/document.xml')).not.toContain('commentRangeStart');
    expect(parts.get('word/comments.xml') ?? '').not.toContain('<w:comment ');
  });
});

describe('dialogue summary: page, header, footer, properties', () => {
  it('is A4 with margins', async () => {
    const { parts } = await build();
    const xml = part(parts, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"[^>]*\/>/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/);
  });

  it('puts the school name in the header and page X of Y in the footer', async () => {
    const { parts } = await build();
    expect(plainText(part(parts, 'word/header1.xml'))).toBe('Het Baken College');
    const footer = part(parts, 'word/footer1.xml');
    expect(footer).toContain('>PAGE<');
    expect(footer).toContain('>NUMPAGES<');
    expect(plainText(footer)).toBe('Pagina van');
  });

  it('embeds the logo in the header, about 1.5 cm high, keeping its aspect ratio', async () => {
    const ctx = context({ school: { name: 'Het Baken College', logo: { mimeType: 'image/png', width: 400, height: 100, dataBase64: PNG } } });
    const { bytes, parts } = await build(careerDialogue(), { includePrivate: false, tagsAsComments: false }, ctx);
    expect((await fileNames(bytes)).filter((name) => name.startsWith('word/media/'))).toEqual([expect.stringMatching(/\.png$/)]);
    const header = part(parts, 'word/header1.xml');
    const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(header)!;
    const cm = (emu: string) => Number(emu) / 360000;
    expect(cm(cy!)).toBeCloseTo(1.5, 1);
    expect(Number(cx) / Number(cy)).toBeCloseTo(4, 1);
    expect(header).toContain('descr="Logo van Het Baken College"');
    expect(part(parts, 'word/_rels/header1.xml.rels')).toMatch(/Target="media\/[^"]+\.png"/);
  });

  it('takes a JPEG logo as jpg', async () => {
    const ctx = context({ school: { name: '', logo: { mimeType: 'image/jpeg', width: 100, height: 100, dataBase64: Buffer.from([0xff, 0xd8, 0xff, 0xd9]).toString('base64') } } });
    const { bytes } = await build(careerDialogue(), { includePrivate: false, tagsAsComments: false }, ctx);
    expect((await fileNames(bytes)).filter((name) => name.startsWith('word/media/'))).toEqual([expect.stringMatching(/\.jpe?g$/)]);
  });

  it('has no media without a logo', async () => {
    const { bytes } = await build();
    expect((await fileNames(bytes)).some((name) => name.startsWith('word/media/'))).toBe(false);
  });

  it('fills the title, creator, last modifier and description properties', async () => {
    const { parts } = await build();
    const core = part(parts, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Terugblik eerste stageweek</dc:title>');
    expect(core).toContain('<dc:creator>Mevr. Jansen</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Mevr. Jansen</cp:lastModifiedBy>');
    expect(core).toContain('<dc:description>Samenvatting van een loopbaandialoog — Noor el Amrani</dc:description>');
  });

  it('writes no "Un-named" author when the mentor is unknown, but still an author on comments', async () => {
    const { parts } = await build(careerDialogue(), { includePrivate: false, tagsAsComments: true }, context({ author: '' }));
    expect(part(parts, 'docProps/core.xml')).not.toContain('Un-named');
    expect(part(parts, 'docProps/core.xml')).not.toContain('<dc:creator>');
    expect(part(parts, 'word/comments.xml')).toContain('w:author="Mentor"');
  });
});

describe('dialogue summary: language', () => {
  it('writes English labels, dates and built-in names for "en"', async () => {
    const { parts } = await build(careerDialogue({ status: 'final', finalisedAt: at('2026-11-21', 9) }), { includePrivate: false, tagsAsComments: true }, context({ language: 'en' }));
    const xml = part(parts, 'word/document.xml');
    for (const chapter of ['Details', 'Record', 'Boundary experiences', 'Career competences', 'Agreements', 'Amendments']) {
      expect(stylesOf(xml, chapter), chapter).toEqual(['Heading1']);
    }
    // Built-in template sections and codes in English even though the vault stores them in Dutch.
    expect(stylesOf(xml, 'Sharing the experience')).toEqual(['Heading2']);
    expect(tableRows(xml, 'Student')).toEqual([
      ['Student', 'Noor el Amrani'],
      ['Date', '20 November 2026'],
      ['Kind of dialogue', 'External dialogue'],
      ['Template', 'External dialogue — career conversation (version 1)'],
      ['Participants', 'Noor (student)\nMevr. Jansen (mentor)'],
      ['Status', 'Final on 21 November 2026'],
    ]);
    expect(tableRows(xml, 'Passage')[1]).toEqual(['een cliënt wassen die niet wilde', 'ethical', 'internship', 'Botsing tussen zorg en eigen grens']);
    expect(tableRows(xml, 'Career competence')[1]).toEqual(['Reflection on motives', '1']);
    expect(tableRows(xml, 'Agreement')[1]).toEqual(['Stagebegeleider mailen', 'student', '1 November 2026', 'no (overdue)']);
    expect(paragraphTexts(part(parts, 'word/comments.xml'))[0]).toBe('Boundary experience — ethical, internship: Botsing tussen zorg en eigen grens');
    expect(plainText(part(parts, 'word/footer1.xml'))).toBe('Page of');
    expect(part(parts, 'word/styles.xml')).toContain('w:val="en-GB"');
  });

  it('sets Dutch as the proofing language for "nl"', async () => {
    const { parts } = await build();
    expect(part(parts, 'word/styles.xml')).toContain('<w:lang w:val="nl-NL"/>');
  });
});
