import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { escapeTextContent } from '../../../../electron/core/exchange/refiParse';
import type { Api } from '../../../../shared/api';
import { leafAnnotationIds, type DialogueDoc } from '../../../../shared/editorDoc';
import { fileWith, makeImportWorld } from './importWorld';
import { PROJECT_XSD, xsdErrors } from './refiQda';

/**
 * Issue 16: "a .qdpx made by another QDA tool imports with its codings on the right words".
 * The fixtures were written by QualCoder's own exporter (tests/fixtures/refi-qda/README.md);
 * codings.json holds each coding as QualCoder stored it, the words the import must tag.
 */

const DIR = join(__dirname, '../../../fixtures/refi-qda/qualcoder');
const FIXTURES = ['loopbaan-linux.qdpx', 'loopbaan-windows.qdpx'] as const;

interface Coding { code: string; text: string; memo: string }
const CODINGS = JSON.parse(readFileSync(join(DIR, 'codings.json'), 'utf8')) as Record<string, Coding[]>;

/** The dialogue's first section as one text (paragraphs joined by \n) and each tag's words in it, from its first to its last marked character. */
function taggedWords(content: DialogueDoc): { text: string; words: Map<string, string> } {
  let text = '';
  const spans = new Map<string, [number, number]>();
  content[0]!.children.forEach((block, index) => {
    if (index > 0) text += '\n';
    if (block.type !== 'paragraph') return;
    for (const leaf of block.children) {
      for (const id of leafAnnotationIds(leaf)) {
        const span = spans.get(id);
        spans.set(id, [span ? span[0] : text.length, text.length + leaf.text.length]);
      }
      text += leaf.text;
    }
  });
  return { text, words: new Map([...spans].map(([id, [start, end]]) => [id, text.slice(start, end)])) };
}

async function dialoguesByTitle(api: Api) {
  const codes = new Map((await api.codes.list()).map((code) => [code.id, code]));
  const found = new Map<string, { student: string; heldOn: string; text: string; tags: { code: string; words: string; memo: string }[] }>();
  for (const student of await api.students.list({})) {
    for (const summary of await api.dialogues.list({ studentId: student.id })) {
      const dialogue = await api.dialogues.get({ id: summary.id });
      const { text, words } = taggedWords(dialogue.content);
      found.set(dialogue.title, {
        student: student.displayName, heldOn: dialogue.heldOn, text,
        tags: dialogue.annotations.map((tag) => ({ code: codes.get(tag.codeId)!.name, words: words.get(tag.id) ?? '', memo: tag.memo })),
      });
    }
  }
  return found;
}

/** The same export with the .qde under the project's name instead of project.qde, as other tools name it (ADR 0018). */
async function renamedQde(bytes: Buffer): Promise<Buffer> {
  const from = await JSZip.loadAsync(bytes);
  const to = new JSZip();
  for (const entry of Object.values(from.files)) {
    if (!entry.dir) to.file(entry.name === 'project.qde' ? 'loopbaan.qde' : entry.name, await entry.async('nodebuffer'));
  }
  return to.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function qde(bytes: Buffer): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file('project.qde')!.async('string');
}

const CURRENT = 'QualCoder 4.0 Beta';
/** QualCoder of June 2026 (919bf04): `Sources/`, a BOM before `<?xml`, NoteRef after VariableValue, sub-codes not nested. */
const JUNE = 'QualCoder 4.0 in development';

describe('a .qdpx written by QualCoder imports with its codings on the words QualCoder coded', () => {
  it('the fixtures are valid REFI-QDA projects (Project.xsd); the June 2026 one has its NoteRef out of order', async () => {
    for (const name of FIXTURES) expect(xsdErrors(await qde(readFileSync(join(DIR, name))), PROJECT_XSD), name).toBe('');
    const june = await (await JSZip.loadAsync(readFileSync(join(DIR, 'loopbaan-2026-06-linux.qdpx')))).file('project.qde')!.async('nodebuffer');
    expect([...june.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(xsdErrors(june.subarray(3).toString('utf8'), PROJECT_XSD)).toMatch(/NoteRef': This element is not expected/);
  });

  for (const { label, load, origin } of [
    { label: 'Linux export', load: async () => readFileSync(join(DIR, FIXTURES[0])), origin: CURRENT },
    { label: 'Windows export (CRLF files)', load: async () => readFileSync(join(DIR, FIXTURES[1])), origin: CURRENT },
    { label: 'Linux export, .qde not named project.qde', load: async () => renamedQde(readFileSync(join(DIR, FIXTURES[0]))), origin: CURRENT },
    { label: 'June 2026 QualCoder (Sources/, BOM, .txt as richTextPath)', load: async () => readFileSync(join(DIR, 'loopbaan-2026-06-linux.qdpx')), origin: JUNE },
  ]) {
    it(`${label}: dialogues, tags on the same words, codes merged by name with colours, memos, what was left out`, async () => {
      const world = await makeImportWorld();
      world.picker.select(fileWith(await load(), 'loopbaan.qdpx'));
      const picked = await world.api.exchange.pickQdpx();
      const preview = picked.preview!;
      expect(preview).toMatchObject({
        kind: 'project', name: 'loopbaan.qda', origin, sources: 3,
        // QualCoder links a text to a case with its whole length (pos1 = length) but exports
        // only links with pos1 0 as SourceRef: its texts reach us without a case.
        cases: [{ name: 'Leerling 07', sources: 0 }, { name: 'Leerling 12', sources: 0 }], sourcesWithoutCase: 3,
        codesNew: 5, codesMerged: 3, passages: 8, memos: 3,
      });
      expect(Object.fromEntries(preview.skipped.map((entry) => [entry.reason, entry.count]))).toEqual({
        // The picture, and its coding.
        unsupportedSource: 1, selectionOnSkippedSource: 1,
        // The journal (no place for a project memo), an annotation QualCoder exports without a
        // reference to its source (it writes a NoteRef for a source's first annotation only),
        // and an annotation on words no tag covers.
        unattachedNote: 3,
        // Memos of a code, a case, a source and the project: no field for them in the app.
        descriptionNotKept: 4,
      });

      const result = await world.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'cases', schoolType: 'havo' } });
      expect(result).toMatchObject({ studentsCreated: 3, dialogues: 3, codesNew: 5, codesMerged: 3, passages: 8, memos: 3 });

      const dialogues = await dialoguesByTitle(world.api);
      // QualCoder names a source after its file; the title is the name without the suffix.
      expect([...dialogues.keys()].sort()).toEqual(['Gesprek leerling 12', 'gesprek-leerling07', 'stageverslag']);
      for (const [source, codings] of Object.entries(CODINGS)) {
        const dialogue = dialogues.get(source.replace(/\.(txt|docx)$/, ''))!;
        expect(dialogue.student).toBe('Geïmporteerd (zonder casus)');
        // Each tag on exactly the words QualCoder coded (over a line end: the words of both lines).
        expect(dialogue.tags.map((tag) => `${tag.code} | ${tag.words}`).sort(), source)
          .toEqual(codings.map((coding) => `${coding.code} | ${coding.text}`).sort());
      }
      const transcript = dialogues.get('gesprek-leerling07')!;
      // The text as QualCoder holds it: no BOM, no CR, the emoji whole.
      expect(transcript.text).toBe([
        'Mentor: Hoe was je stage bij de bakkerij?',
        'Leerling: Leuk! 😀 Ik mocht zelf brood vormen.',
        'Leerling: Maar om vier uur opstaan vond ik zwaar.',
        'Mentor: Wat zegt dat over wat je later wilt?',
        'Leerling: Misschien liever iets met mensen 👩‍⚕️ in de zorg.',
        '',
      ].join('\n'));
      expect(transcript.heldOn).toBe('2026-03-02');

      // Memos: a coding's memo (its Description), and an annotation on coded words becomes the
      // memo of the smallest tag that holds those words.
      const memos = [...dialogues.values()].flatMap((dialogue) => dialogue.tags.filter((tag) => tag.memo).map((tag) => `${tag.code} | ${tag.memo}`));
      expect(memos.sort()).toEqual([
        'Grenservaring | Vroege diensten: bespreken met stagebegeleider',
        'Netwerken | Oom als netwerk',
        'Werkexploratie | Trots op eigen werk',
      ]);

      // Codes: a name the vault has is that code (the built-ins keep their colour); the others
      // are new with QualCoder's colour and nesting (a category is a parent code).
      const codes = await world.api.codes.list();
      const byName = (name: string) => codes.filter((code) => code.name === name);
      expect(byName('Grenservaring')).toHaveLength(1);
      expect(byName('Grenservaring')[0]).toMatchObject({ builtinKey: 'boundaryExperience', color: '#D55E00' });
      expect(byName('Werkexploratie')[0]!.builtinKey).not.toBeNull();
      expect(byName('Netwerken')[0]!.builtinKey).not.toBeNull();
      const toekomstbeeld = byName('Toekomstbeeld')[0]!;
      expect(toekomstbeeld).toMatchObject({ color: '#A9F5A9', builtinKey: null });
      // QualCoder of June 2026 exports a sub-code at the top level; the August one nests it.
      expect(byName('Zorg')[0]).toMatchObject({ color: '#F3E2A9', parentId: origin === JUNE ? null : toekomstbeeld.id });
      expect(byName('Motivatie')[0]).toMatchObject({ color: '#F7BE81', parentId: null });
      const category = byName('Loopbaancompetenties')[0]!;
      expect(byName('Reflectie')[0]).toMatchObject({ color: '#D0A9F5', parentId: category.id });

      // Cases become students with QualCoder's case variables.
      const students = await world.api.students.list({});
      expect(students.find((student) => student.displayName === 'Leerling 07')).toMatchObject({ schoolType: 'vmbo-k', programme: 'Zorg en welzijn', cohort: '3B' });
      expect(students.find((student) => student.displayName === 'Leerling 12')).toMatchObject({ schoolType: 'vmbo-t', programme: 'Techniek', cohort: '3C' });
    });
  }
});

describe('QualCoder writes an annotation memo unescaped', () => {
  it('a memo with "&" and "<" (malformed XML as QualCoder writes it) still imports, the memo as written', async () => {
    const bytes = readFileSync(join(DIR, 'loopbaan-annotation-unescaped.qdpx'));
    // The fixture is as broken as QualCoder makes it: not even well-formed.
    expect(xsdErrors(await qde(bytes), PROJECT_XSD)).toMatch(/parser error/);
    const world = await makeImportWorld();
    world.picker.select(fileWith(bytes, 'loopbaan.qdpx'));
    const picked = await world.api.exchange.pickQdpx();
    expect(picked.preview).toMatchObject({ sources: 3, passages: 8, memos: 3 });
    await world.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'cases', schoolType: 'havo' } });
    const tags = (await dialoguesByTitle(world.api)).get('gesprek-leerling07')!.tags;
    expect(tags.find((tag) => tag.code === 'Grenservaring')).toMatchObject({
      words: 'om vier uur opstaan vond ik zwaar', memo: 'Vroege diensten & <3 uur slaap: bespreken met stagebegeleider',
    });
  });

  it('the repair escapes only inside PlainTextContent, keeps valid references, and stops at an element without its end', () => {
    expect(escapeTextContent('<a x="&"><PlainTextContent>A & B &amp; &#38; <3</PlainTextContent><q:PlainTextContent>C & D</q:PlainTextContent></a>'))
      .toBe('<a x="&"><PlainTextContent>A &amp; B &amp; &#38; &lt;3</PlainTextContent><q:PlainTextContent>C &amp; D</q:PlainTextContent></a>');
    expect(escapeTextContent('<PlainTextContent>a & b')).toBe('<PlainTextContent>a & b');
  });
});
