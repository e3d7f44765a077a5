import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/repositories/auditRepository';
import { expectAppError } from '../helpers/core';
import { docFor, leaf, makeDialogueWorld, newDialogue, paragraph } from '../helpers/dialogues';

async function world() {
  const made = await makeDialogueWorld();
  const intake = made.template('intake');
  const dialogue = await newDialogue(made.api, made.student.id, intake);
  return { ...made, intake, dialogue };
}

describe('annotations', () => {
  it('starts with an empty quote, which the next save fills from the marks', async () => {
    const { api, dialogue, intake, code, clock } = await world();
    const created = await api.annotations.create({ dialogueId: dialogue.id, codeId: code('learningQuestion'), memo: 'Eigen vraag!' });
    expect(created).toEqual({
      id: expect.any(String), dialogueId: dialogue.id, codeId: code('learningQuestion'), quote: '', memo: 'Eigen vraag!', attributes: {},
      createdAt: new Date(clock.ms).toISOString(), updatedAt: new Date(clock.ms).toISOString(),
    });
    const saved = await api.dialogues.save({ id: dialogue.id, revision: 1, content: docFor(intake, { goal: [paragraph(leaf('Ik wil '), leaf('kok worden', created.id))] }) });
    expect(saved.annotations).toEqual([{ ...created, quote: 'kok worden' }]);
  });

  it('gives overlapping passages each their own words', async () => {
    const { api, dialogue, intake, code } = await world();
    const [a, b, c, d] = await Promise.all(['learningQuestion', 'competence:motives', 'competence:exploration', 'agreement']
      .map((key) => api.annotations.create({ dialogueId: dialogue.id, codeId: code(key) })));
    const content = docFor(intake, {
      goal: [
        paragraph(leaf('Ik zei: '), leaf('ik wil ', a!.id, b!.id), leaf('verpleegkundige', a!.id, b!.id, c!.id), leaf(' worden', a!.id, b!.id), leaf('. Klaar.')),
        // One passage over two paragraphs, and twice within one paragraph: fragments joined with " … ".
        paragraph(leaf('Eerst '), leaf('stage lopen', d!.id), leaf(' bij de '), leaf('thuiszorg', d!.id)),
      ],
      agreements: [paragraph(leaf('Volgende week ', d!.id), leaf('bellen'))],
    });
    const { annotations } = await api.dialogues.save({ id: dialogue.id, revision: 1, content });
    const quotes = Object.fromEntries(annotations.map((annotation) => [annotation.id, annotation.quote]));
    expect(quotes).toEqual({
      [a!.id]: 'ik wil verpleegkundige worden',
      [b!.id]: 'ik wil verpleegkundige worden',
      [c!.id]: 'verpleegkundige',
      [d!.id]: 'stage lopen … thuiszorg … Volgende week',
    });
  });

  it('keeps orphans (marks deleted) through saves so an undo restores them, and drops them on finalise', async () => {
    const { api, dialogue, intake, code, backend, student } = await world();
    const kept = await api.annotations.create({ dialogueId: dialogue.id, codeId: code('learningQuestion') });
    const orphan = await api.annotations.create({ dialogueId: dialogue.id, codeId: code('agreement'), memo: 'bellen' });
    const action = await api.actions.create({ studentId: student.id, annotationId: orphan.id, text: 'Bellen', owner: 'student' });
    const both = docFor(intake, { goal: [paragraph(leaf('kok', kept.id), leaf(' en '), leaf('bakker', orphan.id))] });
    const withoutOrphan = docFor(intake, { goal: [paragraph(leaf('kok', kept.id), leaf(' en '))] });

    await api.dialogues.save({ id: dialogue.id, revision: 1, content: both });
    const afterDelete = await api.dialogues.save({ id: dialogue.id, revision: 2, content: withoutOrphan });
    expect(afterDelete.annotations.map((a) => [a.id, a.quote, a.memo])).toEqual([[kept.id, 'kok', ''], [orphan.id, '', 'bellen']]);
    expect((await api.dialogues.list({ studentId: student.id }))[0]!.annotationCount).toBe(1);
    expect((await api.codes.list()).find((c) => c.id === code('agreement'))!.usage).toBe(0);

    const undone = await api.dialogues.save({ id: dialogue.id, revision: 3, content: both });
    expect(undone.annotations.find((a) => a.id === orphan.id)).toMatchObject({ quote: 'bakker', memo: 'bellen' });

    await api.dialogues.save({ id: dialogue.id, revision: 4, content: withoutOrphan });
    const final = await api.dialogues.finalise({ id: dialogue.id, revision: 5 });
    expect(final.annotations.map((a) => a.id)).toEqual([kept.id]);
    // The action made from the orphan stays, without its passage.
    expect(final.actions).toEqual([{ ...action, annotationId: null }]);
    expect(listAudit(backend.vault.database()).find((e) => e.kind === 'dialogue.finalised')!.detail).toEqual({ orphansRemoved: 1 });
  });

  it('keeps dilemma type and context only on the Grenservaring code', async () => {
    const { api, dialogue, code } = await world();
    const attributes = { dilemmaType: 'ethical', context: 'internship' } as const;
    const boundary = await api.annotations.create({ dialogueId: dialogue.id, codeId: code('boundaryExperience'), attributes });
    expect(boundary.attributes).toEqual(attributes);
    const other = await api.annotations.create({ dialogueId: dialogue.id, codeId: code('learningQuestion'), attributes });
    expect(other.attributes).toEqual({});

    // A memo edit leaves them alone; a new dilemma type replaces them.
    expect((await api.annotations.update({ id: boundary.id, memo: 'over geld en zorg' })).attributes).toEqual(attributes);
    expect((await api.annotations.update({ id: boundary.id, attributes: { dilemmaType: 'financial' } })).attributes).toEqual({ dilemmaType: 'financial' });
    // Recoding to another code clears them, even when they are sent along.
    const recoded = await api.annotations.update({ id: boundary.id, codeId: code('competence:motives'), attributes });
    expect(recoded).toMatchObject({ codeId: code('competence:motives'), attributes: {}, memo: 'over geld en zorg' });
    const back = await api.annotations.update({ id: boundary.id, codeId: code('boundaryExperience'), attributes: { context: 'sideJob' } });
    expect(back.attributes).toEqual({ context: 'sideJob' });
    expect((await api.dialogues.get({ id: dialogue.id })).annotations.find((a) => a.id === boundary.id)).toEqual(back);
  });

  it('answers NOT_FOUND for an unknown code, dialogue or annotation, and stores nothing', async () => {
    const { api, dialogue, code } = await world();
    await expectAppError(api.annotations.create({ dialogueId: dialogue.id, codeId: randomUUID() }), 'NOT_FOUND');
    await expectAppError(api.annotations.create({ dialogueId: randomUUID(), codeId: code('learningQuestion') }), 'NOT_FOUND');
    const passage = await api.annotations.create({ dialogueId: dialogue.id, codeId: code('learningQuestion') });
    await expectAppError(api.annotations.update({ id: passage.id, codeId: randomUUID() }), 'NOT_FOUND');
    await expectAppError(api.annotations.update({ id: randomUUID(), memo: 'x' }), 'NOT_FOUND');
    await expectAppError(api.annotations.delete({ id: randomUUID() }), 'NOT_FOUND');
    expect((await api.dialogues.get({ id: dialogue.id })).annotations).toEqual([passage]);
    expect(await api.annotations.delete({ id: passage.id })).toEqual({ ok: true });
    expect((await api.dialogues.get({ id: dialogue.id })).annotations).toEqual([]);
  });
});
