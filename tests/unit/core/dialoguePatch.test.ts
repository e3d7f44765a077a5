import { describe, expect, it } from 'vitest';
import { diffDoc } from '../../../shared/docPatch';
import type { DialogueDoc } from '../../../shared/editorDoc';
import { expectAppError } from '../helpers/core';
import { docFor, leaf, makeDialogueWorld, newDialogue, paragraph } from '../helpers/dialogues';

/** A save through `dialogues:savePatch` must leave exactly what a whole save of the same text leaves. */
describe('autosave by patch (dialogues:savePatch)', () => {
  it('stores the same document, word count and search text as a whole save would', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    const first = docFor(intake, { background: Array.from({ length: 40 }, (_, n) => paragraph(leaf(`beurt ${n} over de stage`))) });
    const saved = await api.dialogues.save({ id: dialogue.id, revision: 1, content: first });
    // One turn edited, one added, as the editor would (the other blocks are the same objects).
    const next: DialogueDoc = first.map((section) => (section.sectionKey !== 'background' ? section : {
      ...section,
      children: [...section.children.slice(0, 7), paragraph(leaf('beurt 7 gaat over de kinderopvang')), ...section.children.slice(8), paragraph(leaf('slotwoord'))],
    }));
    const patch = diffDoc(first, next)!;
    expect(patch.splices).toHaveLength(1);
    expect(patch.splices[0]!.insert).toHaveLength(34);
    const patched = await api.dialogues.savePatch({ id: dialogue.id, revision: saved.revision, patch });
    expect(patched.revision).toBe(saved.revision + 1);

    const stored = await api.dialogues.get({ id: dialogue.id });
    expect(stored.content).toEqual(next);
    expect(stored.wordCount).toBe(patched.wordCount);
    // 40 turns of five words; turn 7 now has six; one word added at the end.
    expect(patched.wordCount).toBe(40 * 5 + 1 + 1);
    const hits = await api.search.query({ query: 'kinderopvang' });
    expect(hits.hits.map((hit) => hit.dialogueId)).toEqual([dialogue.id]);
  });

  it('answers CONFLICT on a stale revision and VALIDATION (patch) when the patch does not fit, storing nothing', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    const first = docFor(intake, { background: [paragraph(leaf('een')), paragraph(leaf('twee'))] });
    await api.dialogues.save({ id: dialogue.id, revision: 1, content: first });
    const lengths = first.map((section) => section.children.length);
    const addOne = { splices: [{ section: 0, start: 2, deleteCount: 0, insert: [paragraph(leaf('drie'))] }], lengths: lengths.map((n, i) => (i === 0 ? n + 1 : n)) };
    // The background section is the first of the intake template.
    expect(first[0]!.sectionKey).toBe('background');

    await expectAppError(api.dialogues.savePatch({ id: dialogue.id, revision: 1, patch: addOne }), 'CONFLICT');
    const misfit = { ...addOne, lengths };
    const error = await expectAppError(api.dialogues.savePatch({ id: dialogue.id, revision: 2, patch: misfit }), 'VALIDATION');
    expect(error.params).toEqual({ field: 'patch' });
    const outOfRange = { splices: [{ section: 0, start: 5, deleteCount: 1, insert: [] }], lengths };
    await expectAppError(api.dialogues.savePatch({ id: dialogue.id, revision: 2, patch: outOfRange }), 'VALIDATION');
    expect(await api.dialogues.get({ id: dialogue.id })).toMatchObject({ revision: 2, content: first });

    await api.dialogues.savePatch({ id: dialogue.id, revision: 2, patch: addOne });
    expect((await api.dialogues.get({ id: dialogue.id })).content[0]!.children).toHaveLength(3);
  });

  it('refuses a patch on a final dialogue', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    await api.dialogues.finalise({ id: dialogue.id, revision: 1 });
    await expectAppError(api.dialogues.savePatch({ id: dialogue.id, revision: 2, patch: { splices: [], lengths: dialogue.content.map(() => 1) } }), 'READ_ONLY');
  });
});
