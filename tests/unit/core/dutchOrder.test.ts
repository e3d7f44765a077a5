import { describe, expect, it } from 'vitest';
import { localIsoDate } from '../../../electron/core/insights/today';
import { FakeClock } from '../helpers/core';
import { makeDialogueWorld, newDialogue } from '../helpers/dialogues';

const DAY = 24 * 60 * 60 * 1000;
// COLLATE NOCASE compares code units: 'Ömer' and 'Émile' came after 'Zoë', 'Leerling 10' before 'Leerling 2'.
const NAMES = ['Zoë Zwart', 'Ömer Öztürk', 'Émile Eerden', 'Leerling 10', 'Leerling 2', 'anna Aalders'];
const DUTCH = ['anna Aalders', 'Émile Eerden', 'Leerling 2', 'Leerling 10', 'Ömer Öztürk', 'Zoë Zwart'];

describe('Dutch order outside the student list', () => {
  it('Vandaag sorts agreements, quiet students and drafts by name in Dutch order within one date', async () => {
    const clock = new FakeClock(Date.UTC(2026, 8, 1, 9));
    const world = await makeDialogueWorld({ clock });
    const { api, template } = world;
    await api.students.archive({ id: world.student.id });
    const students = [];
    for (const displayName of NAMES) students.push(await api.students.create({ displayName, schoolType: 'havo' }));
    clock.advance(49 * DAY);
    const due = localIsoDate(clock.ms + DAY);
    for (const student of students) {
      await api.actions.create({ studentId: student.id, text: 'Open dag bezoeken', owner: 'student', dueDate: due });
    }
    const overview = await api.today.overview({});
    expect(overview.dueActions.map((a) => a.studentName)).toEqual(DUTCH);
    expect(overview.quietStudents.map((s) => s.studentName)).toEqual(DUTCH);

    for (const student of students) await newDialogue(api, student.id, template('intake'), '2026-10-01');
    expect((await api.today.overview({})).drafts.map((d) => d.studentName)).toEqual(DUTCH);
  });

  it('the templates list sorts the mentor\'s own templates by name in Dutch order (built-ins stay first)', async () => {
    const { api, template } = await makeDialogueWorld();
    const source = template('intake').templateId;
    for (const name of ['Zomergesprek', 'Éénmalig gesprek', 'Stap 10', 'Stap 2', 'ander gesprek']) {
      const copy = await api.templates.copy({ templateId: source });
      await api.templates.saveVersion({ templateId: copy.templateId, name, kind: copy.kind, sections: copy.sections });
    }
    const names = (await api.templates.list({})).map((t) => t.name);
    const mine = names.filter((name) => ['Zomergesprek', 'Éénmalig gesprek', 'Stap 10', 'Stap 2', 'ander gesprek'].includes(name));
    expect(mine).toEqual(['ander gesprek', 'Éénmalig gesprek', 'Stap 2', 'Stap 10', 'Zomergesprek']);
    expect(names.slice(-5)).toEqual(mine);
  });
});
