import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FakeClock, expectAppError } from '../helpers/core';
import { makeDialogueWorld, newDialogue } from '../helpers/dialogues';

describe('actions', () => {
  it('lists open actions overdue first, then by due date with undated last, then done ones latest first', async () => {
    const clock = new FakeClock(new Date(2025, 8, 10, 12, 0).getTime()); // 10 September, local time
    const { api, student } = await makeDialogueWorld({ clock });
    const make = async (text: string, dueDate: string | null) => api.actions.create({ studentId: student.id, text, owner: 'student', dueDate });
    const undated = await make('Zonder datum', null);
    const later = await make('Later', '2025-10-01');
    const overdueRecent = await make('Gisteren', '2025-09-09');
    const today = await make('Vandaag', '2025-09-10');
    const overdueOld = await make('Lang geleden', '2025-08-20');
    const doneFirst = await make('Eerst af', '2025-09-01');
    const doneLast = await make('Laatst af', null);
    clock.advance(60_000);
    await api.actions.setDone({ id: doneFirst.id, done: true });
    clock.advance(60_000);
    await api.actions.setDone({ id: doneLast.id, done: true });

    const expected = [overdueOld, overdueRecent, today, later, undated].map((a) => a.text);
    expect((await api.actions.list({ studentId: student.id })).map((a) => a.text)).toEqual([...expected, 'Laatst af', 'Eerst af']);
    expect((await api.actions.list({ studentId: student.id, includeDone: false })).map((a) => a.text)).toEqual(expected);
    // A month on, everything dated is overdue, and the order is still by due date.
    clock.advance(30 * 86_400_000);
    expect((await api.actions.list({ studentId: student.id, includeDone: false })).map((a) => a.text)).toEqual(expected);
    expect(today.dueDate).toBe('2025-09-10');
  });

  it('edits only the fields sent, and ticks off and on', async () => {
    const { api, student, clock } = await makeDialogueWorld();
    const action = await api.actions.create({ studentId: student.id, text: 'Open dag bezoeken', owner: 'student', dueDate: '2025-10-04' });
    expect(action).toEqual({
      id: expect.any(String), studentId: student.id, dialogueId: null, annotationId: null, text: 'Open dag bezoeken',
      owner: 'student', dueDate: '2025-10-04', doneAt: null, createdAt: new Date(clock.ms).toISOString(),
    });
    // Leaving the due date out keeps it; sending null clears it.
    expect(await api.actions.update({ id: action.id, text: 'Open dag ROC bezoeken' })).toMatchObject({ text: 'Open dag ROC bezoeken', dueDate: '2025-10-04', owner: 'student' });
    expect(await api.actions.update({ id: action.id, owner: 'mentor', dueDate: null })).toMatchObject({ text: 'Open dag ROC bezoeken', dueDate: null, owner: 'mentor' });

    clock.advance(1000);
    const done = await api.actions.setDone({ id: action.id, done: true });
    expect(done.doneAt).toBe(new Date(clock.ms).toISOString());
    clock.advance(1000);
    expect((await api.actions.setDone({ id: action.id, done: true })).doneAt).toBe(done.doneAt);
    expect((await api.actions.setDone({ id: action.id, done: false })).doneAt).toBeNull();

    expect(await api.actions.delete({ id: action.id })).toEqual({ ok: true });
    expect(await api.actions.list({ studentId: student.id })).toEqual([]);
    for (const call of [
      () => api.actions.delete({ id: action.id }), () => api.actions.update({ id: action.id, text: 'x' }), () => api.actions.setDone({ id: action.id, done: true }),
      () => api.actions.list({ studentId: randomUUID() }), () => api.actions.create({ studentId: randomUUID(), text: 'x', owner: 'mentor' }),
    ]) await expectAppError(call(), 'NOT_FOUND');
  });

  it('links an action to this student\'s dialogue and passage only', async () => {
    const { api, student, template, code } = await makeDialogueWorld();
    const other = await api.students.create({ displayName: 'Sem', schoolType: 'havo' });
    const mine = await newDialogue(api, student.id, template('intake'));
    const mySecond = await newDialogue(api, student.id, template('intake'));
    const theirs = await newDialogue(api, other.id, template('intake'));
    const myPassage = await api.annotations.create({ dialogueId: mine.id, codeId: code('agreement') });
    const theirPassage = await api.annotations.create({ dialogueId: theirs.id, codeId: code('agreement') });
    const base = { studentId: student.id, text: 'Bellen met de stage', owner: 'mentor' } as const;

    expect((await expectAppError(api.actions.create({ ...base, dialogueId: theirs.id }), 'VALIDATION')).params).toEqual({ field: 'dialogueId' });
    expect((await expectAppError(api.actions.create({ ...base, annotationId: theirPassage.id }), 'VALIDATION')).params).toEqual({ field: 'annotationId' });
    expect((await expectAppError(api.actions.create({ ...base, dialogueId: mySecond.id, annotationId: myPassage.id }), 'VALIDATION')).params).toEqual({ field: 'annotationId' });
    await expectAppError(api.actions.create({ ...base, dialogueId: randomUUID() }), 'NOT_FOUND');
    expect(await api.actions.list({ studentId: student.id })).toEqual([]);

    // From a passage alone, the dialogue is the passage's.
    const fromPassage = await api.actions.create({ ...base, annotationId: myPassage.id });
    expect(fromPassage).toMatchObject({ dialogueId: mine.id, annotationId: myPassage.id });
    const fromDialogue = await api.actions.create({ ...base, dialogueId: mySecond.id });
    expect((await api.dialogues.get({ id: mine.id })).actions).toEqual([fromPassage]);
    expect((await api.dialogues.get({ id: mySecond.id })).actions).toEqual([fromDialogue]);
  });
});
