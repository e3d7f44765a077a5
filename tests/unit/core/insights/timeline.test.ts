import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectAppError } from '../../helpers/core';
import { makeDialogueWorld } from '../../helpers/dialogues';
import { taggedDialogue } from './insightWorld';

const zero = { capacities: 0, motives: 0, exploration: 0, steering: 0, networking: 0 };

describe('students:timeline', () => {
  it('is empty for a student without dialogues, and NOT_FOUND for an unknown one', async () => {
    const { api, student } = await makeDialogueWorld();
    expect(await api.students.timeline({ id: student.id })).toEqual([]);
    await expectAppError(api.students.timeline({ id: randomUUID() }), 'NOT_FOUND');
  });

  it('has every month from the first to the last dialogue, empty ones and the year boundary included', async () => {
    const world = await makeDialogueWorld();
    const { api, student, code } = world;
    const boundary = code('boundaryExperience');
    await taggedDialogue(world, student.id, 'internal-reflection', '2025-10-03', [
      { codeId: boundary, attributes: { dilemmaType: 'ethical' } },
      { codeId: boundary, orphan: true },
      { codeId: code('competence:capacities') },
      { codeId: code('learningQuestion') },
    ]);
    await taggedDialogue(world, student.id, 'intake', '2025-10-20', [
      { codeId: code('competence:capacities') },
      { codeId: code('competence:steering') },
      { codeId: code('competence:motives'), orphan: true },
    ]);
    await taggedDialogue(world, student.id, 'external-career', '2025-10-28');
    await taggedDialogue(world, student.id, 'workplace-triad', '2026-01-09', [
      { codeId: boundary, attributes: { dilemmaType: 'quality' } },
      { codeId: boundary },
      { codeId: code('competence:networking') },
    ]);
    // Another student's dialogues do not count, nor widen the range.
    const other = await api.students.create({ displayName: 'Sem', schoolType: 'havo' });
    await taggedDialogue(world, other.id, 'intake', '2026-03-01', [{ codeId: boundary }]);
    await taggedDialogue(world, other.id, 'intake', '2025-10-05', [{ codeId: boundary }]);

    expect(await api.students.timeline({ id: student.id })).toEqual([
      { month: '2025-10', internal: 1, external: 2, boundaryExperiences: 1, competences: { ...zero, capacities: 2, steering: 1 } },
      { month: '2025-11', internal: 0, external: 0, boundaryExperiences: 0, competences: zero },
      { month: '2025-12', internal: 0, external: 0, boundaryExperiences: 0, competences: zero },
      { month: '2026-01', internal: 0, external: 1, boundaryExperiences: 2, competences: { ...zero, networking: 1 } },
    ]);
  });

  it('is a single month when every dialogue is in the same month', async () => {
    const world = await makeDialogueWorld();
    await taggedDialogue(world, world.student.id, 'dossier-activity', '2025-09-30');
    await taggedDialogue(world, world.student.id, 'dossier-activity', '2025-09-01');
    expect(await world.api.students.timeline({ id: world.student.id })).toEqual([
      { month: '2025-09', internal: 2, external: 0, boundaryExperiences: 0, competences: zero },
    ]);
  });
});
