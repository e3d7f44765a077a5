import { describe, expect, it } from 'vitest';
import { localIsoDate } from '../../../electron/core/insights/today';
import { FakeClock } from '../helpers/core';
import { makeDialogueWorld, newDialogue } from '../helpers/dialogues';

const DAY = 24 * 60 * 60 * 1000;

describe('today:overview', () => {
  it('lists agreements due this week (overdue first), quiet students and open drafts, across students', async () => {
    const clock = new FakeClock(Date.UTC(2026, 8, 1, 9));
    const world = await makeDialogueWorld({ clock });
    const { api, student, template } = world;
    const quiet = await api.students.create({ displayName: 'Bram Quist', schoolType: 'havo' });
    const archived = await api.students.create({ displayName: 'Anna Archief', schoolType: 'vwo' });
    const draft = await newDialogue(api, student.id, template('intake'), localIsoDate(clock.ms));
    // Seven weeks later: Bram (added then, never a dialogue) is quiet; Noor had a dialogue today.
    clock.advance(49 * DAY);
    const today = localIsoDate(clock.ms);
    await newDialogue(api, student.id, template('intake'), today);
    const overdue = await api.actions.create({ studentId: student.id, text: 'Stageverslag inleveren', owner: 'student', dueDate: localIsoDate(clock.ms - 2 * DAY) });
    const soon = await api.actions.create({ studentId: quiet.id, text: 'Open dag bezoeken', owner: 'student', dueDate: localIsoDate(clock.ms + 3 * DAY) });
    await api.actions.create({ studentId: quiet.id, text: 'Later', owner: 'mentor', dueDate: localIsoDate(clock.ms + 30 * DAY) });
    const done = await api.actions.create({ studentId: student.id, text: 'Klaar', owner: 'mentor', dueDate: localIsoDate(clock.ms - 1 * DAY) });
    await api.actions.setDone({ id: done.id, done: true });
    await api.actions.create({ studentId: archived.id, text: 'Gearchiveerd', owner: 'mentor', dueDate: today });
    await api.students.archive({ id: archived.id });

    const overview = await api.today.overview({});
    expect(overview.dueActions.map((a) => [a.actionId, a.overdue])).toEqual([[overdue.id, true], [soon.id, false]]);
    expect(overview.quietStudents.map((s) => s.studentName)).toEqual(['Bram Quist']);
    expect(overview.quietStudents[0]!.lastDialogueOn).toBeNull();
    expect(overview.drafts.map((d) => d.dialogueId)).toContain(draft.id);
    expect(overview.drafts).toHaveLength(2);
  });

  it('does not call a student added today quiet', async () => {
    const clock = new FakeClock(Date.UTC(2026, 8, 1, 9));
    const { api } = await makeDialogueWorld({ clock });
    await api.students.create({ displayName: 'Nieuw Vandaag', schoolType: 'mbo-2' });
    expect((await api.today.overview({})).quietStudents).toEqual([]);
    clock.advance(43 * DAY);
    expect((await api.today.overview({ quietWeeks: 6 })).quietStudents.map((s) => s.studentName)).toContain('Nieuw Vandaag');
  });
});
