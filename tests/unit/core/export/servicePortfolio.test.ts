import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildDocxInJob, type DocxJob } from '../../../../electron/core/export/docxJob';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import type { AnnotationAttributes, TemplateVersion } from '../../../../shared/dialogueSchemas';
import type { TextLeaf } from '../../../../shared/editorDoc';
import { expectAppError } from '../../helpers/core';
import { docFor, leaf, newDialogue, paragraph } from '../../helpers/dialogues';
import { ZIP_MAGIC, makeExportWorld } from './serviceWorld';

// The real builder, watched: what the service hands it is part of what is tested here.
vi.mock('../../../../electron/core/export/docxJob', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../electron/core/export/docxJob')>();
  return { ...original, buildDocxInJob: vi.fn(original.buildDocxInJob) };
});

/** The builder's arguments, as the service handed them to the worker that builds the document. */
type Job = Extract<DocxJob, { kind: 'portfolio' }>;
function builderCalls(): [Job['input'], Job['options'], Job['ctx']][] {
  return vi.mocked(buildDocxInJob).mock.calls.map(([job]) => {
    expect(job.kind).toBe('portfolio');
    const typed = job as Job;
    return [typed.input, typed.options, typed.ctx];
  });
}

beforeEach(() => {
  vi.mocked(buildDocxInJob).mockClear();
});

type World = Awaited<ReturnType<typeof makeExportWorld>>;
interface Passage { code: string; attributes?: AnnotationAttributes; orphan?: boolean }

/** A dialogue on `heldOn` made with `templateKey`; each passage marked with words unless it is an orphan. */
async function dialogueWith(world: World, heldOn: string, templateKey: string, passages: Passage[] = [], studentId = world.student.id) {
  const template: TemplateVersion = world.template(templateKey);
  const dialogue = await newDialogue(world.api, studentId, template, heldOn);
  const leaves: TextLeaf[] = [leaf('Begin ')];
  for (const passage of passages) {
    const annotation = await world.api.annotations.create({ dialogueId: dialogue.id, codeId: world.code(passage.code), attributes: passage.attributes ?? {} });
    if (!passage.orphan) leaves.push(leaf(`stuk${leaves.length} `, annotation.id));
  }
  const first = template.sections[0]!.key;
  await world.api.dialogues.save({ id: dialogue.id, revision: 1, content: docFor(template, { [first]: [paragraph(...leaves)] }) });
  return dialogue;
}

/** September 2025 for Noor: three dialogues inside, two just outside, one of someone else inside. */
async function september() {
  const world = await makeExportWorld();
  const boundary = (attributes: AnnotationAttributes = {}): Passage => ({ code: 'boundaryExperience', attributes });
  const before = await dialogueWith(world, '2025-08-31', 'intake', [boundary()]);
  const first = await dialogueWith(world, '2025-09-01', 'intake', [boundary({ dilemmaType: 'ethical' }), { code: 'learningQuestion' }, { ...boundary(), orphan: true }]);
  const activity = await dialogueWith(world, '2025-09-12', 'dossier-activity', [boundary({ context: 'internship' }), boundary()]);
  const sameDay = await dialogueWith(world, '2025-09-30', 'dossier-activity');
  const after = await dialogueWith(world, '2025-10-01', 'dossier-activity', [boundary()]);
  const other = await world.api.students.create({ displayName: 'Sem', schoolType: 'havo' });
  await dialogueWith(world, '2025-09-15', 'dossier-activity', [boundary()], other.id);

  const action = (text: string, dialogueId: string | null = null) => world.api.actions.create({ studentId: world.student.id, text, owner: 'student', dialogueId });
  await action('Open, zonder gesprek');
  await action('Open, uit augustus', before.id);
  const done = await action('Af', first.id);
  await world.api.actions.setDone({ id: done.id, done: true });
  await world.api.actions.create({ studentId: other.id, text: 'Van Sem', owner: 'mentor' });
  return { ...world, before, first, activity, sameDay, after };
}

describe('export:portfolioPreview', () => {
  it('counts the dialogues held in the period (ends included), activities, boundary experiences and all actions', async () => {
    const { api, student } = await september();
    expect(await api.export.portfolioPreview({ studentId: student.id, from: '2025-09-01', to: '2025-09-30' })).toMatchObject({
      dialogues: 3, activities: 2, reflections: 0, boundaryExperiences: 3, openActions: 2, doneActions: 1,
    });
    // One day is a period too; outside every dialogue, the actions still count.
    expect(await api.export.portfolioPreview({ studentId: student.id, from: '2025-09-12', to: '2025-09-12' })).toMatchObject({
      dialogues: 1, activities: 1, boundaryExperiences: 2,
    });
    expect(await api.export.portfolioPreview({ studentId: student.id, from: '2024-01-01', to: '2024-12-31' })).toEqual({
      dialogues: 0, activities: 0, reflections: 0, boundaryExperiences: 0, openActions: 2, doneActions: 1, choices: [],
    });
    expect(await api.export.portfolioPreview({ studentId: student.id, from: '2025-01-01', to: '2025-12-31' })).toMatchObject({
      dialogues: 5, activities: 3, boundaryExperiences: 5,
    });
  });

  it('lists every dialogue of the period to choose from, with its role and private notes with text; counts follow the choice', async () => {
    const world = await september();
    const { api, student, first, activity, sameDay } = world;
    const reflection = await dialogueWith(world, '2025-09-20', 'internal-reflection', [{ code: 'boundaryExperience' }]);
    const external = world.template('external-career');
    const conversation = await newDialogue(api, student.id, external, '2025-09-25');
    await api.dialogues.save({ id: conversation.id, revision: 1, content: docFor(external, { 'mentor-notes': [paragraph(leaf('Alleen voor mij'))] }) });
    const period = { studentId: student.id, from: '2025-09-01', to: '2025-09-30' };
    const all = await api.export.portfolioPreview(period);
    expect(all.choices.map(({ id, heldOn, role, privateSections }) => ({ id, heldOn, role, privateSections }))).toEqual([
      { id: first.id, heldOn: '2025-09-01', role: 'external', privateSections: 0 },
      { id: activity.id, heldOn: '2025-09-12', role: 'activity', privateSections: 0 },
      { id: reflection.id, heldOn: '2025-09-20', role: 'reflection', privateSections: 0 },
      { id: conversation.id, heldOn: '2025-09-25', role: 'external', privateSections: 1 },
      { id: sameDay.id, heldOn: '2025-09-30', role: 'activity', privateSections: 0 },
    ]);
    expect(all).toMatchObject({ dialogues: 5, activities: 2, reflections: 1, boundaryExperiences: 4 });
    const chosen = await api.export.portfolioPreview({ ...period, dialogueIds: [reflection.id, sameDay.id] });
    expect(chosen).toMatchObject({ dialogues: 2, activities: 1, reflections: 1, boundaryExperiences: 1 });
    // The choices stay the whole period, so the mentor can tick a dialogue again.
    expect(chosen.choices).toHaveLength(5);
  });

  it('an unknown student is NOT_FOUND; a locked vault is VAULT_LOCKED', async () => {
    const { api } = await makeExportWorld();
    await expectAppError(api.export.portfolioPreview({ studentId: randomUUID(), from: '2025-09-01', to: '2025-09-30' }), 'NOT_FOUND');
    await api.vault.lock();
    await expectAppError(api.export.portfolioPreview({ studentId: randomUUID(), from: '2025-09-01', to: '2025-09-30' }), 'VAULT_LOCKED');
  });
});

describe('export:portfolio', () => {
  it('builds from the period\'s complete dialogues, oldest first, and all the student\'s actions', async () => {
    const { api, student, first, activity, sameDay, exportsDir, target, clock } = await september();
    const result = await api.export.portfolio({ studentId: student.id, from: '2025-09-01', to: '2025-09-30', includePrivate: true });
    expect(result).toEqual({ saved: true, fileName: 'Noor-el-Amrani-portfolio.docx', location: exportsDir });
    expect(target.choose).toHaveBeenCalledExactlyOnceWith('Noor-el-Amrani-portfolio.docx');
    expect(readFileSync(join(exportsDir, result.fileName)).subarray(0, 4)).toEqual(ZIP_MAGIC);

    expect(buildDocxInJob).toHaveBeenCalledOnce();
    const [input, options, ctx] = builderCalls()[0]!;
    expect(options).toEqual({ includePrivate: true, sections: { activities: true, reflections: true, external: false } });
    expect(input.from).toBe('2025-09-01');
    expect(input.to).toBe('2025-09-30');
    expect(input.student).toEqual(await api.students.get({ id: student.id }));
    expect(input.dialogues.map((d) => d.id)).toEqual([first.id, activity.id, sameDay.id]);
    // Complete: the same as the workspace loads, with passages and actions.
    expect(input.dialogues[0]).toEqual(await api.dialogues.get({ id: first.id }));
    expect(input.dialogues[0]!.annotations).toHaveLength(3);
    expect(input.dialogues[0]!.actions.map((a) => a.text)).toEqual(['Af']);
    expect(input.actions).toEqual(await api.actions.list({ studentId: student.id }));
    expect(input.codes).toEqual(await api.codes.list());
    expect(ctx).toEqual({ language: 'nl', now: new Date(clock.ms), school: { name: '', logo: null }, author: 'Mevr. Smit' });
  });

  it('keeps the order dialogues were made in for one day', async () => {
    const world = await makeExportWorld();
    const a = await dialogueWith(world, '2025-09-10', 'intake');
    const b = await dialogueWith(world, '2025-09-10', 'dossier-activity');
    const c = await dialogueWith(world, '2025-09-09', 'intake');
    await world.api.export.portfolio({ studentId: world.student.id, from: '2025-09-01', to: '2025-09-30' });
    expect(builderCalls()[0]![0].dialogues.map((d) => d.id)).toEqual([c.id, a.id, b.id]);
    expect(builderCalls()[0]![1]).toEqual({ includePrivate: false, sections: { activities: true, reflections: true, external: false } });
  });

  it('records export.made for a portfolio; cancelling writes and records nothing', async () => {
    const world = await makeExportWorld();
    const { api, student, backend, exportsDir, target } = world;
    target.choose.mockResolvedValueOnce(null);
    expect(await api.export.portfolio({ studentId: student.id, from: '2025-09-01', to: '2025-09-30' }))
      .toEqual({ saved: false, fileName: 'Noor-el-Amrani-portfolio.docx', location: null });
    expect(readdirSync(exportsDir)).toEqual([]);
    expect(listAudit(backend.vault.database()).filter((e) => e.kind === 'export.made')).toEqual([]);
    await api.export.portfolio({ studentId: student.id, from: '2025-09-01', to: '2025-09-30' });
    expect(listAudit(backend.vault.database()).filter((e) => e.kind === 'export.made').map((e) => e.detail)).toEqual([{ kind: 'portfolio' }]);
  });

  it('builds from the ticked dialogues only, and refuses one that is not this student\'s in this period', async () => {
    const { api, student, first, activity, sameDay, before, target } = await september();
    const period = { studentId: student.id, from: '2025-09-01', to: '2025-09-30' };
    await api.export.portfolio({ ...period, dialogueIds: [sameDay.id, first.id] });
    expect(builderCalls()[0]![0].dialogues.map((d) => d.id)).toEqual([first.id, sameDay.id]);
    target.choose.mockClear();
    vi.mocked(buildDocxInJob).mockClear();
    // Held before the period; and a dialogue of another student would be the same.
    await expectAppError(api.export.portfolio({ ...period, dialogueIds: [activity.id, before.id] }), 'VALIDATION');
    await expectAppError(api.export.portfolio({ ...period, dialogueIds: [randomUUID()] }), 'VALIDATION');
    expect(buildDocxInJob).not.toHaveBeenCalled();
    expect(target.choose).not.toHaveBeenCalled();
  });

  it('never passes private sections to the builder unless includePrivate is set, whatever else is ticked', async () => {
    const world = await makeExportWorld();
    const external = world.template('external-career');
    const conversation = await newDialogue(world.api, world.student.id, external, '2025-09-25');
    await world.api.dialogues.save({ id: conversation.id, revision: 1, content: docFor(external, { 'mentor-notes': [paragraph(leaf('Alleen voor mij'))] }) });
    const period = { studentId: world.student.id, from: '2025-09-01', to: '2025-09-30', sections: { activities: true, reflections: true, external: true } };
    await world.api.export.portfolio(period);
    await world.api.export.portfolio({ ...period, includePrivate: false });
    await world.api.export.portfolio({ ...period, includePrivate: true });
    expect(builderCalls().map(([, options]) => options.includePrivate)).toEqual([false, false, true]);
    // And the file itself: the private words only in the third.
    const { unzip, part } = await import('./docxFixtures');
    const bytes = vi.mocked(buildDocxInJob).mock.results.map((result) => result.value as Promise<Buffer>);
    const texts = await Promise.all(bytes.map(async (promise) => part(await unzip(await promise), 'word/document.xml')));
    expect(texts.map((xml) => xml.includes('Alleen voor mij'))).toEqual([false, false, true]);
  });

  it('refuses a period that ends before it starts, and an unknown student', async () => {
    const { api, student, target } = await makeExportWorld();
    await expectAppError(api.export.portfolio({ studentId: student.id, from: '2025-09-30', to: '2025-09-01' }), 'VALIDATION');
    await expectAppError(api.export.portfolio({ studentId: randomUUID(), from: '2025-09-01', to: '2025-09-30' }), 'NOT_FOUND');
    expect(target.choose).not.toHaveBeenCalled();
  });
});
