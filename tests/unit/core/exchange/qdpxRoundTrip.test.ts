import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import type { BlockNode } from '../../../../shared/editorDoc';
import { FakeClock } from '../../helpers/core';
import { docFor, leaf, newDialogue, paragraph } from '../../helpers/dialogues';
import { makeExportWorld } from '../export/serviceWorld';
import { makeImportWorld, tableCounts, tagsOf } from './importWorld';
import { PROJECT_XSD, all, codePointSlice, parseXml, unzip, xsdErrors } from './refiQda';

/**
 * A vault with what a REFI-QDA export has to carry: two students (one without dialogues), a
 * dialogue with characters outside the BMP before tagged words, overlapping tags, a passage in
 * two paragraphs with a memo, one in two paragraphs without, a memo with XML's special
 * characters, nested codes of the mentor's own with colours (one under a built-in).
 */
async function sourceVault() {
  const clock = new FakeClock();
  const made = await makeExportWorld({ clock });
  const { api } = made;
  const noor = await api.students.update({
    id: made.student.id,
    fields: { displayName: 'Noor el Amrani', schoolType: 'mbo-2', programme: 'Zorg & Welzijn', cohort: '2025', mentor: 'Mevr. Smit' },
  });
  await api.students.create({ displayName: 'Sem de Vries', schoolType: 'havo', cohort: '2024' });
  const stage = await api.codes.create({ name: 'Stage <zorg>', color: '#12AB9C', parentId: made.code('boundaryExperience') });
  const deeper = await api.codes.create({ name: 'Stage: nachtdienst', color: '#AA3377', parentId: stage.id });
  const top = await api.codes.create({ name: 'Eigen thema', color: '#332288', parentId: null });

  const template = made.template('intake');
  const dialogue = await newDialogue(api, noor.id, template, '2025-09-03');
  const create = (codeId: string, memo = '') => api.annotations.create({ dialogueId: dialogue.id, codeId, memo });
  const boundary = await create(made.code('boundaryExperience'), 'Zegt "nooit" & <meent> het');
  const overlap = await create(stage.id);
  const twoParagraphsMemo = await create(top.id, 'Komt terug in het volgende gesprek');
  const twoParagraphs = await create(deeper.id);
  const wish = await create(made.code('learningQuestion'));
  const [first, second] = [template.sections[0]!.key, template.sections[1]!.key];
  const blocks: Record<string, BlockNode[]> = {
    [first]: [
      { type: 'paragraph', speaker: 'Noor', role: 'student', children: [leaf('Ik 😀 vond 𝔷 de '), leaf('stage ', boundary.id), leaf('in de zorg', boundary.id, overlap.id), leaf(' spannend.')] },
      paragraph(leaf('Volgend jaar '), leaf('wil ik verder', twoParagraphsMemo.id, twoParagraphs.id), leaf('.')),
    ],
    [second]: [
      paragraph(leaf('Daarna '), leaf('met mijn begeleider praten', twoParagraphsMemo.id), leaf(' en '), leaf('de nachtdienst proberen', twoParagraphs.id)),
      { type: 'bulleted-list', children: [{ type: 'list-item', children: [leaf('Vraag: '), leaf('hoe leer ik plannen?', wish.id)] }] },
    ],
  };
  await api.dialogues.save({ id: dialogue.id, revision: 1, content: docFor(template, blocks) });
  return { ...made, clock, noor, dialogue, template };
}

/** Each tag as its code and words, one entry per contiguous run of words (a passage in parts is several). */
function fragments(tags: { code: string; quote: string }[]): string[] {
  return tags.flatMap((tag) => tag.quote.split(' … ').map((part) => `${tag.code} ⟶ ${part}`)).sort();
}

async function codebook(api: Awaited<ReturnType<typeof makeImportWorld>>['api']) {
  const codes = await api.codes.list();
  const names = new Map(codes.map((code) => [code.id, code.name]));
  return codes.map((code) => ({ name: code.name, color: code.color.toUpperCase(), parent: code.parentId ? names.get(code.parentId) : null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function exported(api: { exchange: { exportQdpx(request: { includePrivate: boolean }): Promise<{ saved: boolean; location: string | null; fileName: string }> } }) {
  const result = await api.exchange.exportQdpx({ includePrivate: false });
  expect(result.saved).toBe(true);
  const file = join(result.location!, result.fileName);
  const entries = await unzip(file);
  const qde = entries.get('project.qde')!.toString('utf8');
  const project = parseXml(qde);
  const codeNames = new Map(all(project, 'Code').map((code) => [code.attributes.guid!, code.attributes.name!]));
  const selections = all(project, 'TextSource').flatMap((source) => {
    const text = entries.get(`Sources/${source.attributes.plainTextPath!.slice('internal://'.length)}`)!.toString('utf8');
    return all(source, 'PlainTextSelection').flatMap((selection) => all(selection, 'CodeRef').map((ref) =>
      `${codeNames.get(ref.attributes.targetGUID!)} ⟶ ${codePointSlice(text, Number(selection.attributes.startPosition), Number(selection.attributes.endPosition))}`));
  }).sort();
  return { file, qde, selections };
}

describe('REFI-QDA round trip: export, then import into an empty vault', () => {
  it('brings back the same passages on the same words, the same codes with colours and parents, the same memos', async () => {
    const source = await sourceVault();
    const before = await tagsOf(source.api);
    expect(before).toHaveLength(5);
    const out = await exported(source.api);
    // What goes out is a valid REFI-QDA 1.5 project.
    expect(xsdErrors(out.qde, PROJECT_XSD)).toBe('');

    const target = await makeImportWorld();
    target.picker.select(out.file);
    const picked = await target.api.exchange.pickQdpx();
    expect(picked.token).not.toBeNull();
    expect(picked.preview).toMatchObject({
      kind: 'project', sources: 1, sourcesWithoutCase: 0, codesNew: 3, codesMerged: 8, skipped: [],
      cases: [{ name: 'Noor el Amrani', sources: 1 }, { name: 'Sem de Vries', sources: 0 }],
    });
    // The preview stored nothing.
    expect((await target.api.students.list({})).length).toBe(0);

    const result = await target.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'cases', schoolType: 'vwo' } });
    expect(result).toMatchObject({ studentsCreated: 2, dialogues: 1, codesNew: 3, codesMerged: 8, memos: 2 });

    const after = await tagsOf(target.api);
    // Same words under the same codes, every run of them.
    expect(fragments(after)).toEqual(fragments(before));
    // Memos: the same, each on the same words (the passage in two paragraphs with a memo comes back as one passage).
    const memos = (tags: typeof before) => tags.filter((tag) => tag.memo).map((tag) => `${tag.code} ⟶ ${tag.quote} ⟶ ${tag.memo}`).sort();
    expect(memos(after)).toEqual(memos(before));
    // Same codebook: names, colours, parents.
    expect(await codebook(target.api)).toEqual(await codebook(source.api));

    // Students with what the cases' variables said; the dialogue with its date and title.
    const students = await target.api.students.list({});
    const noor = students.find((student) => student.displayName === 'Noor el Amrani')!;
    expect(noor).toMatchObject({ schoolType: 'mbo-2', programme: 'Zorg & Welzijn', cohort: '2025' });
    expect(students.find((student) => student.displayName === 'Sem de Vries')).toMatchObject({ schoolType: 'havo', cohort: '2024' });
    const [summary] = await target.api.dialogues.list({ studentId: noor.id });
    expect(summary).toMatchObject({ heldOn: '2025-09-03', title: source.dialogue.title });

    // And out again: the same selections, word for word.
    const again = await exported(target.api);
    expect(again.selections).toEqual(out.selections);
    expect(xsdErrors(again.qde, PROJECT_XSD)).toBe('');

    // One audit event, counts only: no name of a student, code or file.
    const events = listAudit(target.backend.vault.database()).filter((event) => event.kind === 'exchange.imported');
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.detail)).not.toMatch(/Noor|Sem|Stage|qdpx-/);
  });

  it('into one chosen student: every source goes there and no student is made', async () => {
    const source = await sourceVault();
    const out = await exported(source.api);
    const target = await makeImportWorld();
    const student = await target.api.students.create({ displayName: 'Lotte', schoolType: 'vmbo-t' });
    target.picker.select(out.file);
    const picked = await target.api.exchange.pickQdpx();
    const result = await target.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'student', studentId: student.id } });
    expect(result).toMatchObject({ studentsCreated: 0, dialogues: 1, studentId: student.id });
    expect((await target.api.students.list({})).map((s) => s.displayName)).toEqual(['Lotte']);
    expect((await target.api.dialogues.list({ studentId: student.id }))).toHaveLength(1);
    // A token is used once.
    const counts = tableCounts(target.backend.vault.database());
    await expect(target.api.exchange.importQdpx({ token: picked.token!, target: { kind: 'student', studentId: student.id } }))
      .rejects.toMatchObject({ code: 'IMPORT_EXPIRED' });
    expect(tableCounts(target.backend.vault.database())).toEqual(counts);
  });
});
