import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnnotationAttributes } from '../../../shared/dialogueSchemas';
import type { TextLeaf } from '../../../shared/editorDoc';
import { expectAppError } from '../helpers/core';
import { docFor, leaf, makeDialogueWorld, newDialogue, paragraph } from '../helpers/dialogues';

type World = Awaited<ReturnType<typeof makeDialogueWorld>>;

/** One draft for the student; every passage marked with a word unless listed as an orphan. */
async function tagged(world: World, studentId: string, passages: { codeId: string; attributes?: AnnotationAttributes; orphan?: boolean }[]) {
  const intake = world.template('intake');
  const dialogue = await newDialogue(world.api, studentId, intake);
  const leaves: TextLeaf[] = [leaf('Begin ')];
  for (const passage of passages) {
    const annotation = await world.api.annotations.create({ dialogueId: dialogue.id, codeId: passage.codeId, attributes: passage.attributes ?? {} });
    if (!passage.orphan) leaves.push(leaf(`stuk${leaves.length} `, annotation.id));
  }
  await world.api.dialogues.save({ id: dialogue.id, revision: 1, content: docFor(intake, { background: [paragraph(...leaves)] }) });
  return dialogue;
}

describe('students:overview', () => {
  it('has every key at zero for a student without dialogues', async () => {
    const { api, student } = await makeDialogueWorld();
    expect(await api.students.overview({ id: student.id })).toEqual({
      dialogues: [],
      openActions: [],
      boundaryByDilemma: { ethical: 0, financial: 0, quality: 0, other: 0, none: 0 },
      passagesByCompetence: { capacities: 0, motives: 0, exploration: 0, steering: 0, networking: 0 },
    });
    await expectAppError(api.students.overview({ id: randomUUID() }), 'NOT_FOUND');
  });

  it('counts this student\'s boundary experiences by dilemma and passages by competence, orphans not included', async () => {
    const world = await makeDialogueWorld();
    const { api, student, code } = world;
    const boundary = code('boundaryExperience');
    const mine = await api.codes.create({ name: 'Subcode', color: '#0072B2', parentId: code('competence:capacities') });
    await tagged(world, student.id, [
      { codeId: boundary, attributes: { dilemmaType: 'ethical', context: 'internship' } },
      { codeId: boundary, attributes: { dilemmaType: 'ethical' } },
      { codeId: boundary, attributes: { dilemmaType: 'financial' } },
      { codeId: boundary, attributes: { context: 'home' } },
      { codeId: boundary, attributes: { dilemmaType: 'quality' }, orphan: true },
      { codeId: code('competence:capacities') },
      { codeId: code('competence:capacities') },
      { codeId: mine.id }, // a custom code under a competence is not the competence
      { codeId: code('competence:networking') },
      { codeId: code('competence:motives'), orphan: true },
      { codeId: code('learningQuestion') },
    ]);
    await tagged(world, student.id, [{ codeId: code('competence:networking') }, { codeId: boundary, attributes: { dilemmaType: 'other' } }]);
    // Someone else's passages stay out of it.
    const other = await api.students.create({ displayName: 'Sem', schoolType: 'havo' });
    await tagged(world, other.id, [{ codeId: boundary, attributes: { dilemmaType: 'ethical' } }, { codeId: code('competence:steering') }]);

    const overview = await api.students.overview({ id: student.id });
    expect(overview.boundaryByDilemma).toEqual({ ethical: 2, financial: 1, quality: 0, other: 1, none: 1 });
    expect(overview.passagesByCompetence).toEqual({ capacities: 2, motives: 0, exploration: 0, steering: 0, networking: 2 });
    expect(overview.dialogues).toEqual(await api.dialogues.list({ studentId: student.id }));
    expect(overview.dialogues.map((d) => d.annotationCount).sort()).toEqual([2, 9]);
  });

  it('lists open actions in the order of actions:list, without done ones', async () => {
    const { api, student } = await makeDialogueWorld();
    const make = (text: string, dueDate: string | null) => api.actions.create({ studentId: student.id, text, owner: 'student', dueDate });
    await make('Geen datum', null);
    await make('Later', '2025-12-01');
    const done = await make('Af', '2025-01-01');
    await make('Te laat', '2025-08-01');
    await api.actions.setDone({ id: done.id, done: true });
    const overview = await api.students.overview({ id: student.id });
    expect(overview.openActions.map((a) => a.text)).toEqual(['Te laat', 'Later', 'Geen datum']);
    expect(overview.openActions).toEqual(await api.actions.list({ studentId: student.id, includeDone: false }));
  });
});
