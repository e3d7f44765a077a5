import { readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guidFor } from '../../../../electron/core/exchange/guid';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import type { Annotation } from '../../../../shared/dialogueSchemas';
import type { BlockNode } from '../../../../shared/editorDoc';
import { FakeClock, expectAppError } from '../../helpers/core';
import { docFor, leaf, newDialogue, paragraph } from '../../helpers/dialogues';
import { makeExportWorld } from '../export/serviceWorld';
import { CODEBOOK_XSD, PROJECT_XSD, all, codePointSlice, parseXml, unzip, xsdErrors, type XmlElement } from './refiQda';

const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

/**
 * Two students; Noor has one intake whose text has characters outside the BMP before tagged
 * words (so UTF-16 offsets would be wrong), a passage over two leaves, a passage in two
 * paragraphs, a memo with XML's special characters, and a tagged passage in the private
 * mentor notes. Sem has no dialogue. A code of the mentor's own nests under a built-in one.
 */
async function world() {
  const clock = new FakeClock();
  const made = await makeExportWorld({ clock });
  const { api } = made;
  const noor = await api.students.update({
    id: made.student.id,
    fields: { displayName: 'Noor el Amrani', schoolType: 'mbo-2', programme: 'Zorg & Welzijn', cohort: '2025', mentor: 'Mevr. Smit' },
  });
  const sem = await api.students.create({ displayName: 'Sem de Vries', schoolType: 'havo', cohort: '2024' });
  const child = await api.codes.create({ name: 'Stage <zorg>', color: '#12ab9c', parentId: made.code('boundaryExperience') });

  const template = made.template('intake');
  const dialogue = await newDialogue(api, noor.id, template, '2025-09-03');
  const create = (codeId: string, memo = '') => api.annotations.create({ dialogueId: dialogue.id, codeId, memo });
  const boundary = await create(made.code('boundaryExperience'), 'Zegt "nooit" & <meent> het');
  const split = await create(child.id);
  const wish = await create(made.code('learningQuestion'));
  const secret = await create(made.code('learningQuestion'), 'privé memo');
  const first = template.sections[0]!.key;
  const blocks: Record<string, BlockNode[]> = {
    [first]: [
      { type: 'paragraph', speaker: 'Noor', role: 'student', children: [leaf('Ik 😀 vond 𝔷 de '), leaf('stage ', boundary.id), leaf('in de zorg', boundary.id, split.id), leaf(' spannend.')] },
      paragraph(leaf('Volgend jaar '), leaf('wil ik verder', split.id), leaf('.')),
      { type: 'bulleted-list', children: [{ type: 'list-item', children: [leaf('Vraag: '), leaf('  hoe leer ik plannen?  ', wish.id)] }] },
    ],
    'mentor-notes': [paragraph(leaf('Geheim: '), leaf('thuis gaat het slecht', secret.id))],
  };
  expect(template.sections.some((section) => section.key === 'mentor-notes' && section.private)).toBe(true);
  const saved = await api.dialogues.save({ id: dialogue.id, revision: 1, content: docFor(template, blocks) });
  const annotations = new Map(saved.annotations.map((annotation) => [annotation.id, annotation]));
  return { ...made, clock, noor, sem, child, dialogue, annotations, boundary, split, wish, secret };
}

type World = Awaited<ReturnType<typeof world>>;

async function exportProject(w: World, request: { studentIds?: string[]; includePrivate?: boolean } = {}) {
  const result = await w.api.exchange.exportQdpx({ includePrivate: false, ...request });
  expect(result.saved).toBe(true);
  const file = join(result.location!, result.fileName);
  const entries = await unzip(file);
  const qde = entries.get('project.qde')!.toString('utf8');
  return { result, file, entries, qde, project: parseXml(qde) };
}

/** Each selection of a source, read back by its offsets from the source's own text file. */
function selectionsOf(project: XmlElement, entries: Map<string, Buffer>) {
  return all(project, 'TextSource').flatMap((source) => {
    const path = source.attributes.plainTextPath!;
    expect(path).toMatch(/^internal:\/\/[0-9a-f-]{36}\.txt$/);
    const text = entries.get(`Sources/${path.slice('internal://'.length)}`)!.toString('utf8');
    return all(source, 'PlainTextSelection').map((selection) => ({
      guid: selection.attributes.guid!,
      text: codePointSlice(text, Number(selection.attributes.startPosition), Number(selection.attributes.endPosition)),
      codes: all(selection, 'CodeRef').map((ref) => ref.attributes.targetGUID),
      notes: all(selection, 'NoteRef').map((ref) => ref.attributes.targetGUID),
    }));
  });
}

/** The quote the app stored for an annotation, rebuilt from the selections of its parts in the file. */
function quoteFromFile(selections: ReturnType<typeof selectionsOf>, annotation: Annotation): string {
  const parts: string[] = [];
  for (let part = 0; ; part += 1) {
    const found = selections.find((selection) => selection.guid === guidFor('selection', annotation.id, part));
    if (!found) break;
    parts.push(found.text);
  }
  return parts.join(' … ');
}

describe('exchange:exportQdpx', () => {
  it('writes a zip with project.qde and one UTF-8 text file per dialogue under Sources/', async () => {
    const w = await world();
    const { result, entries, project } = await exportProject(w);
    expect(result.fileName).toMatch(/\.qdpx$/);
    const source = guidFor('source', w.dialogue.id);
    expect([...entries.keys()].sort()).toEqual(['Sources/' + source + '.txt', 'project.qde'].sort());
    const root = project.children[0]!;
    expect(root.name).toBe('urn:QDA-XML:project:1.0|Project');
    expect(root.attributes.name).toBe('Loopbaandialoog 0.0.0-test');
    expect(root.attributes.origin).toBe('Loopbaandialoog 0.0.0-test');
    const text = entries.get(`Sources/${source}.txt`)!.toString('utf8');
    // Headings and turns as plain lines; no BOM.
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toContain('\nNoor: Ik 😀 vond 𝔷 de stage in de zorg spannend.\nVolgend jaar wil ik verder.\n- Vraag: ');
    expect(text.split('\n')[0]).toBe(w.template('intake').sections[0]!.title);
    // The audit knows an export was made, and of what kind; nothing more.
    expect(listAudit(w.backend.vault.database()).some((entry) => entry.kind === 'export.made' && entry.detail.kind === 'qdpx')).toBe(true);
  });

  it('is valid against the official REFI-QDA project schema', async () => {
    const w = await world();
    const { qde } = await exportProject(w, { includePrivate: true });
    expect(xsdErrors(qde, PROJECT_XSD)).toBe('');
    // And the check does reject what the schema forbids, so a pass means something.
    expect(xsdErrors(qde.replace('<CodeBook>', '<CodeBook><Bogus/>'), PROJECT_XSD)).toContain('Bogus');
  });

  it('puts each passage on the right characters (code points), re-read from the written file', async () => {
    const w = await world();
    const { entries, project } = await exportProject(w);
    const selections = selectionsOf(project, entries);
    for (const annotation of [w.boundary, w.split, w.wish]) {
      const stored = w.annotations.get(annotation.id)!;
      expect(stored.quote).not.toBe('');
      expect(quoteFromFile(selections, stored)).toBe(stored.quote);
    }
    // The split passage is two selections, both coded with the nested code.
    const split = selections.filter((selection) => selection.codes.includes(guidFor('code', w.child.id)));
    expect(split.map((selection) => selection.text)).toEqual(['in de zorg', 'wil ik verder']);
    // Trimmed like the quote: the list item's spaces are not part of the selection.
    expect(selections.find((selection) => selection.guid === guidFor('selection', w.wish.id, 0))?.text).toBe('hoe leer ik plannen?');
  });

  it('codes every selection to its code, and links memos as Notes', async () => {
    const w = await world();
    const { project } = await exportProject(w);
    const selection = all(project, 'PlainTextSelection').find((element) => element.attributes.guid === guidFor('selection', w.boundary.id, 0))!;
    expect(all(selection, 'CodeRef').map((ref) => ref.attributes.targetGUID)).toEqual([guidFor('code', w.code('boundaryExperience'))]);
    const noteGuid = all(selection, 'NoteRef')[0]!.attributes.targetGUID;
    const note = all(project, 'Note').find((element) => element.attributes.guid === noteGuid)!;
    expect(all(note, 'PlainTextContent')[0]!.text).toBe('Zegt "nooit" & <meent> het');
    // Every reference points at something the file defines.
    const defined = new Set(['Code', 'TextSource', 'Note', 'Variable', 'PlainTextSelection'].flatMap((name) => all(project, name).map((element) => element.attributes.guid)));
    for (const name of ['CodeRef', 'NoteRef', 'SourceRef', 'VariableRef']) {
      for (const ref of all(project, name)) expect(defined.has(ref.attributes.targetGUID)).toBe(true);
    }
  });

  it('writes the codebook with its hierarchy and #RRGGBB colours, names in Dutch', async () => {
    const w = await world();
    const { project } = await exportProject(w);
    const codes = all(project, 'Code');
    const boundary = codes.find((code) => code.attributes.guid === guidFor('code', w.code('boundaryExperience')))!;
    expect(boundary.attributes.name).toBe('Grenservaring');
    expect(boundary.children.map((child) => child.attributes.name)).toEqual(['Stage <zorg>']);
    expect(boundary.children[0]!.attributes.color).toBe('#12AB9C');
    for (const code of codes) {
      expect(code.attributes.color).toMatch(/^#[0-9A-F]{6}$/);
      expect(code.attributes.isCodable).toBe('true');
    }
    expect(codes).toHaveLength((await w.api.codes.list()).length);
  });

  it('makes students Cases with their sources and school type, programme and cohort as Variables', async () => {
    const w = await world();
    const { project } = await exportProject(w);
    const variables = new Map(all(project, 'Variable').map((variable) => [variable.attributes.guid, variable.attributes.name]));
    expect([...variables.values()]).toEqual(['Schooltype', 'Opleiding', 'Cohort']);
    const cases = all(project, 'Case');
    expect(cases.map((element) => element.attributes.name)).toEqual(expect.arrayContaining(['Noor el Amrani', 'Sem de Vries']));
    const noor = cases.find((element) => element.attributes.guid === guidFor('case', w.noor.id))!;
    const values = Object.fromEntries(all(noor, 'VariableValue').map((value) => [
      variables.get(all(value, 'VariableRef')[0]!.attributes.targetGUID), all(value, 'TextValue')[0]!.text,
    ]));
    expect(values).toEqual({ Schooltype: 'mbo-2', Opleiding: 'Zorg & Welzijn', Cohort: '2025' });
    expect(all(noor, 'SourceRef').map((ref) => ref.attributes.targetGUID)).toEqual([guidFor('source', w.dialogue.id)]);
    // Only the chosen students are in a selection.
    const only = await exportProject(w, { studentIds: [w.sem.id] });
    expect(all(only.project, 'Case').map((element) => element.attributes.name)).toEqual(['Sem de Vries']);
    expect(all(only.project, 'TextSource')).toHaveLength(0);
    expect(xsdErrors(only.qde, PROJECT_XSD)).toBe('');
  });

  it('leaves private mentor sections out by default, with their passages and memos', async () => {
    const w = await world();
    const hidden = await exportProject(w);
    const everything = [...hidden.entries.values()].map((data) => data.toString('utf8')).join('\n');
    expect(everything).not.toContain('thuis gaat het slecht');
    expect(everything).not.toContain('Geheim');
    expect(everything).not.toContain('privé memo');
    expect(selectionsOf(hidden.project, hidden.entries).some((selection) => selection.guid === guidFor('selection', w.secret.id, 0))).toBe(false);

    const shown = await exportProject(w, { includePrivate: true });
    const selections = selectionsOf(shown.project, shown.entries);
    expect(quoteFromFile(selections, w.annotations.get(w.secret.id)!)).toBe('thuis gaat het slecht');
    // The passages before the private section keep their offsets' meaning too.
    expect(quoteFromFile(selections, w.annotations.get(w.boundary.id)!)).toBe(w.annotations.get(w.boundary.id)!.quote);
  });

  it('gives the same GUIDs in every export, and the same bytes for the same data and clock', async () => {
    const w = await world();
    const guids = (project: XmlElement) => ['Code', 'Case', 'TextSource', 'PlainTextSelection', 'Coding', 'Note', 'Variable']
      .flatMap((name) => all(project, name).map((element) => `${name}:${element.attributes.guid}`)).sort();
    const one = await exportProject(w);
    const same = await exportProject(w);
    expect(readFileSync(same.file)).toEqual(readFileSync(one.file));
    w.clock.advance(3 * 24 * 3600_000);
    const later = await exportProject(w);
    expect(guids(later.project)).toEqual(guids(one.project));
    expect(new Set(guids(one.project).map((entry) => entry.split(':')[1])).size).toBe(guids(one.project).length);
  });

  it('holds no absolute path and no user name of this computer', async () => {
    const w = await world();
    const { file, entries } = await exportProject(w, { includePrivate: true });
    const raw = readFileSync(file).toString('latin1');
    const texts = [raw, ...[...entries.values()].map((data) => data.toString('utf8'))];
    const user = userInfo().username;
    const forbidden = [homedir(), w.exportsDir, w.dir, 'file:', 'absolute:', 'basePath', 'creatingUser', ...(user.length >= 3 ? [user] : [])];
    for (const text of texts) for (const needle of forbidden) expect(text).not.toContain(needle);
    // Entry names are relative, and the zip stores no owner or Unix permissions (DOS platform).
    for (const name of entries.keys()) expect(name.startsWith('/') || name.includes('..')).toBe(false);
  });

  it('stays valid XML with characters XML forbids, and keeps offsets after a lone surrogate', async () => {
    const w = await world();
    const template = w.template('intake');
    const dialogue = await newDialogue(w.api, w.sem.id, template, '2025-10-01');
    // Pasted text can hold a control character or half of an emoji; neither may break the file.
    const tagged = await w.api.annotations.create({ dialogueId: dialogue.id, codeId: w.code('learningQuestion'), memo: 'bel\u0007 \uD83D terug' });
    const saved = await w.api.dialogues.save({
      id: dialogue.id, revision: 1,
      content: docFor(template, { [template.sections[0]!.key]: [paragraph(leaf('Half \uD83D emoji, dan '), leaf('de vraag', tagged.id))] }),
    });
    const { qde, entries, project } = await exportProject(w, { studentIds: [w.sem.id] });
    expect(xsdErrors(qde, PROJECT_XSD)).toBe('');
    // The control character is dropped (the vault itself already stores the half emoji as U+FFFD).
    const memo = all(project, 'PlainTextContent')[0]!.text;
    expect(memo.startsWith('bel ') && memo.endsWith(' terug')).toBe(true);
    expect([...memo].some((char) => char.codePointAt(0)! < 0x20)).toBe(false);
    const quote = saved.annotations.find((annotation) => annotation.id === tagged.id)!.quote;
    expect(quoteFromFile(selectionsOf(project, entries), { ...tagged, quote })).toBe('de vraag');
  });

  it('ends with VAULT_LOCKED and writes nothing when the vault locks during the export', async () => {
    const w = await world();
    const exporting = w.api.exchange.exportQdpx({ includePrivate: false });
    await w.api.vault.lock();
    await expectAppError(exporting, 'VAULT_LOCKED');
    expect(readdirSync(w.exportsDir)).toEqual([]);
  });

  it('writes nothing when the mentor cancels the save dialog', async () => {
    const w = await world();
    w.target.choose.mockResolvedValueOnce(null);
    expect(await w.api.exchange.exportQdpx({ includePrivate: false })).toMatchObject({ saved: false, location: null });
  });
});

describe('exchange:exportQdc', () => {
  it('writes a codebook that is valid against the official REFI-QDA codebook schema', async () => {
    const w = await world();
    const result = await w.api.exchange.exportQdc();
    expect(result.fileName).toMatch(/^codeboek-\d{4}-\d{2}-\d{2}\.qdc$/);
    const xml = readFileSync(join(result.location!, result.fileName), 'utf8');
    expect(xsdErrors(xml, CODEBOOK_XSD)).toBe('');
    const root = parseXml(xml).children[0]!;
    expect(root.name).toBe(`${CODEBOOK_NS}|CodeBook`);
    expect(root.attributes.origin).toBe('Loopbaandialoog 0.0.0-test');
    const codes = all(root, 'Code', CODEBOOK_NS);
    const boundary = codes.find((code) => code.attributes.guid === guidFor('code', w.code('boundaryExperience')))!;
    expect(boundary.children.map((child) => child.attributes.name)).toEqual(['Stage <zorg>']);
    // The same GUIDs as in a project, so a codebook and a project from this app line up.
    const { project } = await exportProject(w);
    expect(all(project, 'Code').map((code) => code.attributes.guid)).toEqual(codes.map((code) => code.attributes.guid));
  });
});
