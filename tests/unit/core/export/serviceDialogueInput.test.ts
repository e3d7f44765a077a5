import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildDocxInJob, type DocxJob } from '../../../../electron/core/export/docxJob';
import { docFor, leaf, newDialogue, paragraph } from '../../helpers/dialogues';
import { FakeClock } from '../../helpers/core';
import { makeExportWorld } from './serviceWorld';

// The real builder, watched: the service must hand it the complete, localised data.
vi.mock('../../../../electron/core/export/docxJob', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../electron/core/export/docxJob')>();
  return { ...original, buildDocxInJob: vi.fn(original.buildDocxInJob) };
});

/** The builder's arguments, as the service handed them to the worker that builds the document. */
type Job = Extract<DocxJob, { kind: 'dialogue' }>;
function builderCalls(): [Job['input'], Job['options'], Job['ctx']][] {
  return vi.mocked(buildDocxInJob).mock.calls.map(([job]) => {
    expect(job.kind).toBe('dialogue');
    const typed = job as Job;
    return [typed.input, typed.options, typed.ctx];
  });
}

beforeEach(() => {
  vi.mocked(buildDocxInJob).mockClear();
});

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('export:dialogue input to the builder', () => {
  it('gets the full dialogue, codes and context in the UI language, with school name, logo, mentor and clock', async () => {
    const clock = new FakeClock(Date.UTC(2025, 9, 3, 14, 5));
    const { api, student, template, code } = await makeExportWorld({ clock });
    await api.settings.update({ schoolName: 'Het Talent College' });
    const logo = await api.settings.setLogo({ fileName: 'logo.png', dataBase64: PNG_1X1 });
    const intake = template('intake');
    const dialogue = await newDialogue(api, student.id, intake, '2025-10-02');
    const passage = await api.annotations.create({ dialogueId: dialogue.id, codeId: code('learningQuestion'), memo: 'Eigen vraag' });
    await api.dialogues.save({ id: dialogue.id, revision: 1, content: docFor(intake, { goal: [paragraph(leaf('Ik wil '), leaf('kok worden', passage.id))] }) });
    await api.actions.create({ studentId: student.id, dialogueId: dialogue.id, text: 'Open dag bezoeken', owner: 'student' });
    await api.settings.setLanguage({ language: 'en' });

    await api.export.dialogue({ dialogueId: dialogue.id, includePrivate: true, tagsAsComments: true });
    expect(buildDocxInJob).toHaveBeenCalledOnce();
    const [input, options, ctx] = builderCalls()[0]!;
    expect(options).toEqual({ includePrivate: true, tagsAsComments: true, includeMirror: false });
    expect(ctx).toEqual({
      language: 'en', now: new Date(clock.ms), school: { name: 'Het Talent College', logo }, author: 'Mevr. Smit',
    });
    expect(input.student).toEqual(await api.students.get({ id: student.id }));
    // In English, as the workspace shows it now: template sections and built-in code names.
    expect(input.dialogue).toEqual(await api.dialogues.get({ id: dialogue.id }));
    expect(input.dialogue.template.sections[0]!.title).toBe('Background');
    expect(input.dialogue.annotations.map((a) => a.quote)).toEqual(['kok worden']);
    expect(input.dialogue.actions.map((a) => a.text)).toEqual(['Open dag bezoeken']);
    expect(input.codes).toEqual(await api.codes.list());
    expect(input.codes.find((c) => c.builtinKey === 'boundaryExperience')!.name).toBe('Boundary experience');
  });

  it('defaults to leaving private sections out and tags as plain text', async () => {
    const { api, student, template } = await makeExportWorld();
    const dialogue = await newDialogue(api, student.id, template('intake'));
    await api.export.dialogue({ dialogueId: dialogue.id });
    expect(builderCalls()[0]![1]).toEqual({ includePrivate: false, tagsAsComments: false, includeMirror: false });
  });
});
