import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../../electron/core/search/ftsQuery';
import { searchAll } from '../../../../electron/core/search/searchService';
import type { Api } from '../../../../shared/api';
import type { TemplateVersion } from '../../../../shared/dialogueSchemas';
import { HIT_END, HIT_START, MAX_QUERY_LENGTH } from '../../../../shared/searchSchemas';
import { expectAppError } from '../../helpers/core';
import { docFor, leaf, makeDialogueWorld, newDialogue, paragraph } from '../../helpers/dialogues';

async function write(api: Api, template: TemplateVersion, studentId: string, text: string, heldOn = '2025-09-01', title = 'Gesprek') {
  const dialogue = await api.dialogues.create({ studentId, templateVersionId: template.id, heldOn, title, participants: [] });
  const saved = await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content: docFor(template, { [template.sections[0]!.key]: [paragraph(leaf(text))] }) });
  return { ...dialogue, revision: saved.revision };
}

const query = (api: Api, text: string, extra: Record<string, unknown> = {}) => api.search.query({ query: text, ...extra });

describe('full-text search', () => {
  it('ignores diacritics, matches prefixes and phrases, and marks the hit in a snippet', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const t = template('internal-reflection');
    const d = await write(api, t, student.id, 'De cliënt zei één ding over het rooster van de stage.');
    const hits = (await query(api, 'client')).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ source: 'dialogue', dialogueId: d.id, studentName: 'Noor el Amrani', heldOn: '2025-09-01', sectionKey: t.sections[0]!.key, dialogueTitle: 'Gesprek' });
    expect(hits[0]!.snippet).toContain(`${HIT_START}cliënt${HIT_END}`);
    expect((await query(api, 'een')).hits).toHaveLength(1);
    expect((await query(api, 'CLIËNT')).hits).toHaveLength(1);
    expect((await query(api, 'roos')).hits[0]!.snippet).toContain(`${HIT_START}rooster${HIT_END}`);
    expect((await query(api, '"ding over het"')).hits).toHaveLength(1);
    expect((await query(api, '"over ding"')).hits).toHaveLength(0);
    expect((await query(api, 'rooster olifant')).hits).toHaveLength(0);
  });

  it('cuts long snippets with an ellipsis', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const words = Array.from({ length: 80 }, (_, i) => `woord${i}`);
    words[40] = 'rooster';
    await write(api, template('internal-reflection'), student.id, words.join(' '));
    const snippet = (await query(api, 'rooster')).hits[0]!.snippet;
    expect(snippet.startsWith('…') && snippet.endsWith('…')).toBe(true);
    expect(snippet.split(' ').length).toBeLessThanOrEqual(13);
  });

  it('treats hostile syntax as plain words and cuts a 10,000-character query', async () => {
    const { api, student, template } = await makeDialogueWorld();
    await write(api, template('internal-reflection'), student.id, 'Afspraak AND near NOT or: a b x tegen-over (haakjes)');
    for (const hostile of ['"unbalanced', '*', 'AND', 'NEAR(', 'a:b', '-x', '((', 'OR', 'NOT x', '"', '""', '^a', 'body:x', '"a" OR "b', '))*"(', 'NEAR(a b, 2)', '\u0000', '   ']) {
      const result = await query(api, hostile);
      expect(result.truncated, hostile).toBe(false);
    }
    expect((await query(api, 'AND')).hits).toHaveLength(1);
    expect((await query(api, '"unbalanced')).hits).toHaveLength(0);
    expect((await query(api, '"haakjes')).hits).toHaveLength(1);
    expect((await query(api, 'a:b')).hits).toHaveLength(1);
    expect((await query(api, '-x')).hits).toHaveLength(1);
    expect((await query(api, 'NEAR(')).hits).toHaveLength(1);
    expect((await query(api, '*')).hits).toHaveLength(0);
    const long = await query(api, `afspraak ${'x'.repeat(9_990)}`);
    expect(long.truncated).toBe(true);
    expect(toFtsQuery('y'.repeat(10_000)).match).toBe(`"${'y'.repeat(MAX_QUERY_LENGTH)}"*`);
  });

  it('finds memos, actions and names, and follows their edits and deletions', async () => {
    const { api, student, template, code } = await makeDialogueWorld();
    const d = await write(api, template('internal-reflection'), student.id, 'tekst');
    const annotation = await api.annotations.create({ dialogueId: d.id, codeId: code('boundaryExperience'), memo: 'Twijfelt over de opleiding' });
    const action = await api.actions.create({ studentId: student.id, dialogueId: d.id, annotationId: null, text: 'Belt het stagebedrijf', owner: 'student' });
    expect((await query(api, 'twijfel')).hits.map((h) => h.source)).toEqual(['memo']);
    expect((await query(api, 'stagebedr')).hits.map((h) => [h.source, h.dialogueId])).toEqual([['action', d.id]]);
    expect((await query(api, 'amrani')).hits.map((h) => [h.source, h.dialogueId])).toEqual([['student', null]]);

    await api.annotations.update({ id: annotation.id, memo: 'Kiest voor de zorg' });
    await api.actions.update({ id: action.id, text: 'Mailt de decaan' });
    await api.students.update({ id: student.id, fields: { displayName: 'Noor Bakker', schoolType: 'mbo-2' } });
    expect((await query(api, 'twijfel')).hits).toHaveLength(0);
    expect((await query(api, 'zorg')).hits.map((h) => h.source)).toEqual(['memo']);
    expect((await query(api, 'stagebedrijf')).hits).toHaveLength(0);
    expect((await query(api, 'decaan')).hits.map((h) => h.source)).toEqual(['action']);
    expect((await query(api, 'amrani')).hits).toHaveLength(0);
    expect((await query(api, 'bakker')).hits.map((h) => [h.source, h.studentName])).toEqual([['student', 'Noor Bakker']]);

    await api.annotations.delete({ id: annotation.id });
    await api.actions.delete({ id: action.id });
    expect((await query(api, 'zorg')).hits).toHaveLength(0);
    expect((await query(api, 'decaan')).hits).toHaveLength(0);
  });

  it('keeps the index in the save transaction: a failed save changes nothing, a save replaces the words', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const t = template('internal-reflection');
    const d = await write(api, t, student.id, 'oudewoorden staan hier');
    const newContent = docFor(t, { [t.sections[0]!.key]: [paragraph(leaf('nieuwewoorden staan hier'))] });
    await expectAppError(api.dialogues.save({ id: d.id, revision: d.revision + 5, content: newContent }), 'CONFLICT');
    // Valid revision, but sections that do not fit the template: refused after the content check.
    await expectAppError(api.dialogues.save({ id: d.id, revision: d.revision, content: newContent.slice(1) }), 'VALIDATION');
    expect((await query(api, 'oudewoorden')).total).toBe(1);
    expect((await query(api, 'nieuwewoorden')).total).toBe(0);
    await api.dialogues.save({ id: d.id, revision: d.revision, content: newContent });
    expect((await query(api, 'oudewoorden')).total).toBe(0);
    expect((await query(api, 'nieuwewoorden')).total).toBe(1);
  });

  it('indexes each turn as a passage, and a save re-indexes only the turns that changed', async () => {
    const { api, backend, student, template } = await makeDialogueWorld();
    const t = template('external-career');
    const key = t.sections[0]!.key;
    const turns = ['eerste beurt over stage', 'tweede beurt over rooster', 'derde beurt over stage en rooster'];
    const d = await write(api, t, student.id, turns[0]!);
    const save = (texts: string[], revision: number) => api.dialogues.save({ id: d.id, revision, content: docFor(t, { [key]: texts.map((text) => paragraph(leaf(text))) }) });
    const saved = await save(turns, d.revision);
    const rows = () => backend.vault.database().prepare(`SELECT id, body FROM search_docs WHERE dialogue_id = ? ORDER BY id`).all(d.id) as { id: number; body: string }[];
    const before = rows();
    expect(before.map((row) => row.body)).toEqual(turns);
    // One hit per matching turn, each with its own snippet.
    expect((await query(api, 'stage')).total).toBe(2);
    expect((await query(api, 'rooster stage')).hits.map((hit) => hit.snippet)).toEqual([expect.stringContaining('derde')]);

    await save([turns[0]!, 'tweede beurt over het werk', turns[2]!], saved.revision);
    const after = rows();
    // The unchanged turns keep their rows; only the edited one was replaced.
    expect(after.filter((row) => before.some((old) => old.id === row.id)).map((row) => row.body)).toEqual([turns[0], turns[2]]);
    expect(after.map((row) => row.body)).toContain('tweede beurt over het werk');
    expect((await query(api, 'rooster')).total).toBe(1);
    expect((await query(api, 'werk')).total).toBe(1);
  });

  it('counts and orders at most the cap of newest hits, and says when there are more', async () => {
    const { api, backend, student, template } = await makeDialogueWorld();
    const t = template('internal-reflection');
    // The oldest dialogue has the best hit (the word four times); the cap leaves it out.
    const oldest = await write(api, t, student.id, 'rooster rooster rooster rooster');
    const newer = [];
    for (let index = 0; index < 4; index++) newer.push(await write(api, t, student.id, `rooster en nog ${index} andere woorden hier`));
    const db = backend.vault.database();
    const all = searchAll(db, { query: 'rooster', order: 'best', limit: 50 }, 10);
    expect(all).toMatchObject({ total: 5, capped: false });
    expect(all.hits[0]!.dialogueId).toBe(oldest.id);
    const capped = searchAll(db, { query: 'rooster', order: 'best', limit: 50 }, 3);
    expect(capped).toMatchObject({ total: 3, capped: true });
    expect(capped.hits.map((hit) => hit.dialogueId)).toEqual(expect.arrayContaining(newer.slice(1).map((d) => d.id)));
    expect(capped.hits.map((hit) => hit.dialogueId)).not.toContain(oldest.id);
    expect(searchAll(db, { query: 'rooster', order: 'best', limit: 2 }, 3).hits).toHaveLength(2);
    expect((await query(api, 'rooster')).capped).toBe(false);
  });

  it('filters by student, kind, code and period, and orders best or newest', async () => {
    const { api, student, template, code } = await makeDialogueWorld();
    const other = await api.students.create({ displayName: 'Sem de Vries', schoolType: 'havo' });
    const internal = template('internal-reflection');
    const external = template('external-career');
    const a = await write(api, internal, student.id, 'rooster', '2025-09-01');
    const b = await write(api, external, student.id, 'rooster rooster rooster rooster over het rooster', '2025-10-01');
    const c = await write(api, internal, other.id, 'rooster en meer woorden die niet over het rooster gaan maar over andere dingen', '2025-11-01', '');
    await api.annotations.create({ dialogueId: b.id, codeId: code('boundaryExperience'), memo: '' });
    const ids = async (extra: Record<string, unknown>) => (await query(api, 'rooster', extra)).hits.map((h) => h.dialogueId);

    expect(await ids({ studentId: other.id })).toEqual([c.id]);
    expect(await ids({ kind: 'external' })).toEqual([b.id]);
    expect(await ids({ codeId: code('boundaryExperience') })).toEqual([b.id]);
    expect(await ids({ from: '2025-09-15', to: '2025-10-15' })).toEqual([b.id]);
    expect(await ids({ order: 'newest' })).toEqual([c.id, b.id, a.id]);
    const best = await ids({ order: 'best' });
    expect(best[0]).toBe(b.id);
    expect(best).not.toEqual([c.id, b.id, a.id]);
    // An empty title shows the template's name.
    expect((await query(api, 'rooster', { studentId: other.id })).hits[0]!.dialogueTitle).toBe(internal.name);
    expect((await query(api, 'rooster', { limit: 1 }))).toMatchObject({ total: 3 });
    expect((await query(api, 'rooster', { limit: 1 })).hits).toHaveLength(1);
  });

  it('rebuild gives the same index as the incremental updates', async () => {
    const { api, backend, student, template, code } = await makeDialogueWorld();
    const t = template('external-career');
    const d = await write(api, t, student.id, 'eerste versie');
    await api.dialogues.save({ id: d.id, revision: d.revision, content: docFor(t, {
      [t.sections[0]!.key]: [paragraph(leaf('tweede versie'))], [t.sections[1]!.key]: [paragraph(leaf('ander deel'))],
    }) });
    const ann = await api.annotations.create({ dialogueId: d.id, codeId: code('boundaryExperience'), memo: 'memo' });
    await api.actions.create({ studentId: student.id, dialogueId: null, annotationId: null, text: 'losse actie', owner: 'mentor' });
    await api.annotations.update({ id: ann.id, memo: 'andere memo' });
    const db = backend.vault.database();
    const dump = () => db.prepare('SELECT source, student_id, dialogue_id, section_key, ref_id, body FROM search_docs ORDER BY source, ref_id, section_key').all();
    const terms = () => db.prepare(`SELECT term, doc, cnt FROM search_vocab ORDER BY term`).all();
    db.exec(`CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_index, row)`);
    const before = { docs: dump(), terms: terms() };
    const { indexed } = await api.search.rebuild({});
    expect(indexed).toBe(before.docs.length);
    expect({ docs: dump(), terms: terms() }).toEqual(before);
    expect(before.docs).toHaveLength(5); // two sections, one memo, one action, one name
    db.prepare(`INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)`).run();
  });
});

describe('tag search', () => {
  it('lists tagged passages across students, newest first, filtered by dilemma type and period', async () => {
    const { api, student, template, code } = await makeDialogueWorld();
    const other = await api.students.create({ displayName: 'Sem de Vries', schoolType: 'havo' });
    const t = template('internal-reflection');
    const key = t.sections[0]!.key;
    const tagged = async (studentId: string, heldOn: string, text: string, dilemmaType?: 'ethical' | 'financial') => {
      const d = await api.dialogues.create({ studentId, templateVersionId: t.id, heldOn, title: `Gesprek ${heldOn}`, participants: [] });
      const a = await api.annotations.create({ dialogueId: d.id, codeId: code('boundaryExperience'), memo: `memo ${text}`, attributes: dilemmaType ? { dilemmaType } : {} });
      await api.dialogues.save({ id: d.id, revision: d.revision, content: docFor(t, { [key]: [paragraph(leaf('voor '), leaf(text, a.id))] }) });
      return a;
    };
    const first = await tagged(student.id, '2025-09-01', 'eerste passage', 'ethical');
    const second = await tagged(other.id, '2025-10-01', 'tweede passage', 'financial');
    const third = await tagged(other.id, '2025-11-01', 'derde passage', 'ethical');
    // A tag whose words were deleted (empty quote) is not a passage.
    const orphanDialogue = await newDialogue(api, student.id, t);
    await api.annotations.create({ dialogueId: orphanDialogue.id, codeId: code('boundaryExperience'), memo: 'leeg' });
    // Another code is not listed.
    await api.annotations.create({ dialogueId: orphanDialogue.id, codeId: code('learningQuestion'), memo: '' });

    const all = await api.search.tags({ codeId: code('boundaryExperience') });
    expect(all.map((h) => h.annotationId)).toEqual([third.id, second.id, first.id]);
    expect(all[2]).toMatchObject({ studentName: 'Noor el Amrani', quote: 'eerste passage', memo: 'memo eerste passage', dilemmaType: 'ethical', dialogueTitle: 'Gesprek 2025-09-01', heldOn: '2025-09-01', context: null });
    expect((await api.search.tags({ codeId: code('boundaryExperience'), dilemmaType: 'ethical' })).map((h) => h.annotationId)).toEqual([third.id, first.id]);
    expect((await api.search.tags({ codeId: code('boundaryExperience'), from: '2025-09-15', to: '2025-10-15' })).map((h) => h.annotationId)).toEqual([second.id]);
    expect(await api.search.tags({ codeId: code('learningQuestion') })).toEqual([]);
  });
});
