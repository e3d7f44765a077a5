import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/core/repositories/auditRepository';
import { emptyDoc } from '../../../shared/editorDoc';
import { expectAppError } from '../helpers/core';
import { docFor, leaf, makeDialogueWorld, newDialogue, paragraph } from '../helpers/dialogues';

describe('dialogues', () => {
  it('creates a draft with an empty section per template section, and reads it back', async () => {
    const { api, student, template, clock } = await makeDialogueWorld();
    const placement = await api.placements.create({ studentId: student.id, organisation: 'Zorgcentrum De Linde', startDate: '2025-09-01' });
    const triad = template('workplace-triad');
    const participants = [
      { name: 'Noor', role: 'student' as const }, { name: 'Mevr. Jansen', role: 'workplaceSupervisor' as const }, { name: 'Dhr. Peters', role: 'mentor' as const },
    ];
    const created = await api.dialogues.create({
      studentId: student.id, templateVersionId: triad.id, heldOn: '2025-10-02', title: '  Driegesprek  ', participants, placementId: placement.id,
    });
    expect(created).toMatchObject({
      studentId: student.id, kind: 'external', heldOn: '2025-10-02', title: 'Driegesprek', placementId: placement.id, participants,
      revision: 1, wordCount: 0, status: 'draft', finalisedAt: null, annotations: [], actions: [], amendments: [],
      createdAt: new Date(clock.ms).toISOString(),
    });
    expect(created.template).toEqual(triad);
    expect(created.content).toEqual(emptyDoc(['done', 'dilemmas', 'supervisor', 'takeaway', 'mentor-notes']));
    expect(await api.dialogues.get({ id: created.id })).toEqual(created);
  });

  it('autosaves content: word count, revision and text survive a round trip', async () => {
    const { api, student, template, clock } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    const content = docFor(intake, {
      background: [
        { type: 'paragraph', speaker: 'Noor', role: 'student', children: [leaf('Ik heb in de zorg gewerkt, als '), { text: 'cliëntbegeleider', bold: true }, leaf('.')] },
      ],
      goal: [{ type: 'bulleted-list', children: [{ type: 'list-item', children: [leaf("Zo'n diploma halen")] }, { type: 'list-item', children: [leaf('Stage lopen')] }] }],
    });
    clock.advance(5_000);
    const saved = await api.dialogues.save({ id: dialogue.id, revision: 1, content });
    expect(saved).toEqual({ revision: 2, wordCount: 13, savedAt: new Date(clock.ms).toISOString(), annotations: [] });

    const reread = await api.dialogues.get({ id: dialogue.id });
    expect(reread.content).toEqual(content);
    expect(reread).toMatchObject({ revision: 2, wordCount: 13, updatedAt: saved.savedAt, createdAt: dialogue.createdAt });
    expect((await api.dialogues.list({ studentId: student.id }))[0]).toMatchObject({ wordCount: 13, updatedAt: saved.savedAt });
  });

  it('refuses a save on a stale revision with CONFLICT and keeps what was stored', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    const first = docFor(intake, { background: [paragraph(leaf('venster een'))] });
    const second = docFor(intake, { background: [paragraph(leaf('venster twee schrijft ook'))] });
    await api.dialogues.save({ id: dialogue.id, revision: 1, content: first });
    const error = await expectAppError(api.dialogues.save({ id: dialogue.id, revision: 1, content: second }), 'CONFLICT');
    expect(error.params).toBeUndefined();
    await expectAppError(api.dialogues.save({ id: dialogue.id, revision: 3, content: second }), 'CONFLICT');
    const stored = await api.dialogues.get({ id: dialogue.id });
    expect(stored).toMatchObject({ revision: 2, wordCount: 2, content: first });
    // Finalising on the stale revision is a conflict too, and leaves the draft a draft.
    await expectAppError(api.dialogues.finalise({ id: dialogue.id, revision: 1 }), 'CONFLICT');
    expect((await api.dialogues.get({ id: dialogue.id })).status).toBe('draft');
  });

  it('refuses content whose sections are not exactly the template version\'s, in order', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    const good = docFor(intake);
    const bad = [
      good.slice(1), // one missing
      [...good.slice(1), good[0]!], // reordered
      [...good, { ...good[0]!, sectionKey: 'extra' }], // one more
      good.map((section, i) => (i === 2 ? { ...section, sectionKey: 'goal ' } : section)), // a look-alike key
    ];
    for (const content of bad) {
      const error = await expectAppError(api.dialogues.save({ id: dialogue.id, revision: 1, content }), 'VALIDATION');
      expect(error.params).toEqual({ field: 'content' });
    }
    expect((await api.dialogues.get({ id: dialogue.id })).revision).toBe(1);
  });

  it('lists a student\'s dialogues newest first, with localised template name and passage count', async () => {
    const { api, student, template, clock, code } = await makeDialogueWorld();
    const other = await api.students.create({ displayName: 'Sem', schoolType: 'havo' });
    const old = await newDialogue(api, student.id, template('intake'), '2025-01-10');
    clock.advance(1000);
    const sameDayFirst = await newDialogue(api, student.id, template('dossier-activity'), '2025-03-01');
    clock.advance(1000);
    const sameDaySecond = await newDialogue(api, student.id, template('external-career'), '2025-03-01');
    await newDialogue(api, other.id, template('intake'), '2025-12-01');

    const a = await api.annotations.create({ dialogueId: old.id, codeId: code('learningQuestion') });
    await api.annotations.create({ dialogueId: old.id, codeId: code('agreement') }); // never marked: no passage
    await api.dialogues.save({ id: old.id, revision: 1, content: docFor(old.template, { background: [paragraph(leaf('Ik wil '), leaf('verpleegkundige worden', a.id))] }) });

    const list = await api.dialogues.list({ studentId: student.id });
    expect(list.map((d) => d.id)).toEqual([sameDaySecond.id, sameDayFirst.id, old.id]);
    expect(list[2]).toEqual({
      id: old.id, studentId: student.id, title: 'Gesprek', kind: 'external', heldOn: '2025-01-10', status: 'draft',
      templateName: 'Intake — vraagsturing', wordCount: 4, annotationCount: 1, updatedAt: expect.any(String),
    });
    expect(list[1]!.templateName).toBe('Loopbaandossier-activiteit');
    await expectAppError(api.dialogues.list({ studentId: randomUUID() }), 'NOT_FOUND');
  });

  it('replaces details and participants of a draft', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const dialogue = await newDialogue(api, student.id, template('intake'));
    const placement = await api.placements.create({ studentId: student.id, organisation: 'Bakkerij Bol' });
    const updated = await api.dialogues.updateDetails({
      id: dialogue.id, heldOn: '2025-09-15', title: 'Intake deel 2', placementId: placement.id,
      participants: [{ name: 'Moeder van Noor', role: 'parent' }, { name: 'Noor', role: 'student' }],
    });
    expect(updated).toMatchObject({ heldOn: '2025-09-15', title: 'Intake deel 2', placementId: placement.id, revision: 1 });
    expect((await api.dialogues.get({ id: dialogue.id })).participants).toEqual([{ name: 'Moeder van Noor', role: 'parent' }, { name: 'Noor', role: 'student' }]);
    const cleared = await api.dialogues.updateDetails({ id: dialogue.id, heldOn: '2025-09-15', participants: [] });
    expect(cleared).toMatchObject({ participants: [], title: '', placementId: null });
  });

  it('refuses a placement of another student', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const other = await api.students.create({ displayName: 'Sem', schoolType: 'havo' });
    const theirs = await api.placements.create({ studentId: other.id, organisation: 'Garage Smit' });
    const request = { studentId: student.id, templateVersionId: template('intake').id, heldOn: '2025-09-01', participants: [], placementId: theirs.id };
    expect((await expectAppError(api.dialogues.create(request), 'VALIDATION')).params).toEqual({ field: 'placementId' });
    const dialogue = await newDialogue(api, student.id, template('intake'));
    expect((await expectAppError(api.dialogues.updateDetails({ id: dialogue.id, heldOn: '2025-09-01', participants: [], placementId: theirs.id }), 'VALIDATION')).params)
      .toEqual({ field: 'placementId' });
    await expectAppError(api.dialogues.create({ ...request, placementId: randomUUID() }), 'NOT_FOUND');
    await expectAppError(api.dialogues.create({ ...request, placementId: null, studentId: randomUUID() }), 'NOT_FOUND');
    await expectAppError(api.dialogues.create({ ...request, placementId: null, templateVersionId: randomUUID() }), 'NOT_FOUND');
    expect(await api.dialogues.list({ studentId: student.id })).toHaveLength(1);
  });

  it('locks a finalised dialogue: no save, details or passage changes; finalising twice is READ_ONLY', async () => {
    const { api, student, template, code, clock, backend } = await makeDialogueWorld();
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake);
    const passage = await api.annotations.create({ dialogueId: dialogue.id, codeId: code('learningQuestion') });
    const content = docFor(intake, { goal: [paragraph(leaf('Hoe word ik kok?', passage.id))] });
    await api.dialogues.save({ id: dialogue.id, revision: 1, content });
    clock.advance(60_000);
    const final = await api.dialogues.finalise({ id: dialogue.id, revision: 2 });
    expect(final).toMatchObject({ status: 'final', finalisedAt: new Date(clock.ms).toISOString(), revision: 2 });

    await expectAppError(api.dialogues.save({ id: dialogue.id, revision: 2, content: docFor(intake) }), 'READ_ONLY');
    await expectAppError(api.dialogues.updateDetails({ id: dialogue.id, heldOn: '2025-09-02', participants: [] }), 'READ_ONLY');
    await expectAppError(api.annotations.create({ dialogueId: dialogue.id, codeId: code('agreement') }), 'READ_ONLY');
    await expectAppError(api.annotations.update({ id: passage.id, memo: 'later' }), 'READ_ONLY');
    await expectAppError(api.annotations.delete({ id: passage.id }), 'READ_ONLY');
    await expectAppError(api.dialogues.finalise({ id: dialogue.id, revision: 2 }), 'READ_ONLY');

    const after = await api.dialogues.get({ id: dialogue.id });
    expect(after).toEqual(final);
    expect(after.content).toEqual(content);
    expect(after.annotations).toEqual([expect.objectContaining({ id: passage.id, memo: '', quote: 'Hoe word ik kok?' })]);
    const audit = listAudit(backend.vault.database()).filter((event) => event.kind === 'dialogue.finalised');
    expect(audit).toEqual([{ at: final.finalisedAt, kind: 'dialogue.finalised', detail: { orphansRemoved: 0 } }]);
  });

  it('takes amendments only once final, dated, in the order written', async () => {
    const { api, student, template, clock } = await makeDialogueWorld();
    const dialogue = await newDialogue(api, student.id, template('intake'));
    expect((await expectAppError(api.dialogues.addAmendment({ id: dialogue.id, text: 'Te vroeg' }), 'VALIDATION')).params).toEqual({ field: 'status' });
    await api.dialogues.finalise({ id: dialogue.id, revision: 1 });
    clock.advance(86_400_000);
    const first = await api.dialogues.addAmendment({ id: dialogue.id, text: '  Noor belde: ze kiest toch voor de bakkerij.  ' });
    expect(first).toEqual({ id: expect.any(String), dialogueId: dialogue.id, text: 'Noor belde: ze kiest toch voor de bakkerij.', createdAt: new Date(clock.ms).toISOString() });
    clock.advance(1000);
    const second = await api.dialogues.addAmendment({ id: dialogue.id, text: 'Aanvulling twee' });
    expect((await api.dialogues.get({ id: dialogue.id })).amendments).toEqual([first, second]);
    await expectAppError(api.dialogues.addAmendment({ id: randomUUID(), text: 'x' }), 'NOT_FOUND');
  });
});
