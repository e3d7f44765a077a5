import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GroupRow } from '../../../../shared/searchSchemas';
import { FakeClock } from '../../helpers/core';
import { makeDialogueWorld } from '../../helpers/dialogues';
import { taggedDialogue } from './insightWorld';

const DAY = 24 * 60 * 60 * 1000;
const zeroCompetences = { capacities: 0, motives: 0, exploration: 0, steering: 0, networking: 0 };
const zeroDilemmas = { ethical: 0, financial: 0, quality: 0, other: 0, none: 0 };

/** Four students in two cohorts, one archived (and the world's student archived); "today" is 15 November 2025 (noon, so any zone agrees). */
async function groupWorld() {
  const clock = new FakeClock(Date.UTC(2025, 10, 15, 12));
  const world = await makeDialogueWorld({ clock });
  const { api, code } = world;
  const anna = await api.students.create({ displayName: 'Anna', schoolType: 'mbo-2', cohort: '2025', programme: 'Zorg', mentor: 'Mevr. Smit' });
  const bram = await api.students.create({ displayName: 'Bram', schoolType: 'mbo-3', cohort: '2025', programme: 'ICT', mentor: 'Dhr. Jansen' });
  const cato = await api.students.create({ displayName: 'Cato', schoolType: 'mbo-2', cohort: '2024', programme: 'zorg ', mentor: 'mevr. smit' });
  const dirk = await api.students.create({ displayName: 'Dirk', schoolType: 'mbo-2', cohort: '2025', programme: 'Zorg', mentor: 'Mevr. Smit' });
  const boundary = code('boundaryExperience');
  await taggedDialogue(world, anna.id, 'internal-reflection', '2025-09-01', [{ codeId: code('competence:motives') }]);
  await taggedDialogue(world, anna.id, 'intake', '2025-11-01', [
    { codeId: boundary, attributes: { dilemmaType: 'ethical' } },
    { codeId: boundary, attributes: { dilemmaType: 'ethical', context: 'internship' } },
    { codeId: boundary },
    { codeId: boundary, attributes: { dilemmaType: 'financial' }, orphan: true },
    { codeId: code('competence:steering') },
    { codeId: code('learningQuestion') },
  ]);
  await taggedDialogue(world, bram.id, 'external-career', '2025-09-20', [{ codeId: boundary, attributes: { dilemmaType: 'quality' } }]);
  await taggedDialogue(world, dirk.id, 'intake', '2025-11-10', [{ codeId: boundary }]);
  const action = (studentId: string, dueDate: string | null) => api.actions.create({ studentId, text: 'Iets doen', owner: 'student', dueDate });
  await action(anna.id, '2025-11-14');
  await action(anna.id, '2025-11-15');
  await action(anna.id, null);
  const done = await action(anna.id, '2025-10-01');
  await api.actions.setDone({ id: done.id, done: true });
  await action(bram.id, '2025-01-01');
  await action(dirk.id, '2025-01-01');
  await api.students.archive({ id: dirk.id });
  // The world's own student is archived too, so the group is exactly these.
  await api.students.archive({ id: world.student.id });
  return { ...world, clock, anna, bram, cato, dirk };
}

const names = (rows: GroupRow[]) => rows.map((row) => row.displayName);

describe('groups:overview', () => {
  it('lists active students only, and each filter narrows the group (text case-insensitively)', async () => {
    const { api } = await groupWorld();
    expect(names(await api.groups.overview({}))).toEqual(['Anna', 'Bram', 'Cato']);
    expect(names(await api.groups.overview({ cohort: '2025' }))).toEqual(['Anna', 'Bram']);
    expect(names(await api.groups.overview({ programme: 'ZORG' }))).toEqual(['Anna', 'Cato']);
    expect(names(await api.groups.overview({ schoolType: 'mbo-3' }))).toEqual(['Bram']);
    expect(names(await api.groups.overview({ mentor: 'MEVR. SMIT' }))).toEqual(['Anna', 'Cato']);
    expect(names(await api.groups.overview({ cohort: '2025', programme: 'zorg' }))).toEqual(['Anna']);
    expect(names(await api.groups.overview({ cohort: '2024', schoolType: 'mbo-2', mentor: 'Mevr. Smit', programme: 'Zorg' }))).toEqual(['Cato']);
    expect(names(await api.groups.overview({ cohort: '2024', schoolType: 'mbo-3' }))).toEqual([]);
    // Exact match: a part of a name is no match.
    expect(names(await api.groups.overview({ mentor: 'Smit' }))).toEqual([]);
  });

  it('counts dialogues, passages, overdue agreements and the last dialogue per student', async () => {
    const { api, anna, bram, cato } = await groupWorld();
    const rows = await api.groups.overview({});
    expect(rows).toEqual([
      {
        studentId: anna.id, displayName: 'Anna', dialogues: 2, internal: 1, external: 1,
        boundaryByDilemma: { ...zeroDilemmas, ethical: 2, none: 1 },
        passagesByCompetence: { ...zeroCompetences, motives: 1, steering: 1 },
        overdueActions: 1, lastDialogue: '2025-11-01', quiet: false,
      },
      {
        studentId: bram.id, displayName: 'Bram', dialogues: 1, internal: 0, external: 1,
        boundaryByDilemma: { ...zeroDilemmas, quality: 1 }, passagesByCompetence: zeroCompetences,
        overdueActions: 1, lastDialogue: '2025-09-20', quiet: true,
      },
      {
        studentId: cato.id, displayName: 'Cato', dialogues: 0, internal: 0, external: 0,
        boundaryByDilemma: zeroDilemmas, passagesByCompetence: zeroCompetences,
        overdueActions: 0, lastDialogue: null, quiet: true,
      },
    ]);
    // The counts agree with the student's own overview.
    const own = await api.students.overview({ id: anna.id });
    expect(rows[0]!.boundaryByDilemma).toEqual(own.boundaryByDilemma);
    expect(rows[0]!.passagesByCompetence).toEqual(own.passagesByCompetence);
  });

  it('moves overdue and quiet with the clock and the number of weeks', async () => {
    const { api, clock } = await groupWorld();
    const anna = async (weeks?: number) => (await api.groups.overview(weeks ? { weeksWithoutDialogue: weeks } : {}))[0]!;
    // Two weeks back from 15 November is 1 November, the day of Anna's last dialogue: not quiet yet.
    expect((await anna(2)).quiet).toBe(false);
    expect((await anna(6)).quiet).toBe(false);
    const bram = async (weeks: number) => (await api.groups.overview({ weeksWithoutDialogue: weeks }))[1]!;
    expect((await bram(6)).quiet).toBe(true);
    expect((await bram(12)).quiet).toBe(false);

    clock.advance(DAY);
    expect((await anna(2)).quiet).toBe(true);
    expect((await anna()).overdueActions).toBe(2); // due 15 November is late on the 16th
    clock.advance(-2 * DAY);
    expect((await anna()).overdueActions).toBe(0);
  });

  it('builds a 200-student group with five dialogues each quickly', async () => {
    const world = await makeDialogueWorld();
    const { api, backend } = world;
    const db = backend.vault.database();
    const template = world.template('intake');
    const boundary = world.code('boundaryExperience');
    const steering = world.code('competence:steering');
    const ids: string[] = [];
    for (let index = 0; index < 200; index += 1) {
      ids.push((await api.students.create({ displayName: `Leerling ${String(index).padStart(3, '0')}`, schoolType: 'mbo-2', cohort: '2025' })).id);
    }
    const insertDialogue = db.prepare(`INSERT INTO dialogues (id, student_id, template_version_id, kind, held_on, content, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, '[]', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`);
    const insertAnnotation = db.prepare(`INSERT INTO annotations (id, dialogue_id, code_id, quote, attributes, created_at, updated_at)
      VALUES (?, ?, ?, 'woorden', ?, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`);
    const insertAction = db.prepare(`INSERT INTO agreements (id, student_id, text, owner, due_date, created_at, updated_at)
      VALUES (?, ?, 'Iets', 'student', '2025-01-01', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`);
    db.transaction(() => {
      for (const studentId of ids) {
        for (let n = 0; n < 5; n += 1) {
          const dialogueId = randomUUID();
          insertDialogue.run(dialogueId, studentId, template.id, n % 2 === 0 ? 'external' : 'internal', `2025-0${n + 3}-15`);
          insertAnnotation.run(randomUUID(), dialogueId, boundary, JSON.stringify({ dilemmaType: 'ethical' }));
          insertAnnotation.run(randomUUID(), dialogueId, steering, '{}');
        }
        insertAction.run(randomUUID(), studentId);
      }
    })();

    const started = performance.now();
    const rows = await api.groups.overview({ cohort: '2025' });
    const elapsed = performance.now() - started;
    console.log(`groups:overview for 200 students × 5 dialogues: ${elapsed.toFixed(1)} ms`);
    expect(rows).toHaveLength(200);
    expect(rows.every((row) => row.dialogues === 5 && row.internal === 2 && row.external === 3)).toBe(true);
    expect(rows.every((row) => row.boundaryByDilemma.ethical === 5 && row.passagesByCompetence.steering === 5 && row.overdueActions === 1)).toBe(true);
    expect(rows[0]!.lastDialogue).toBe('2025-07-15');
    expect(elapsed).toBeLessThan(1000);
  });
});
