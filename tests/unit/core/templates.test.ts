import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TemplateSection } from '../../../shared/dialogueSchemas';
import { expectAppError } from '../helpers/core';
import { makeDialogueWorld, newDialogue } from '../helpers/dialogues';

const sections: TemplateSection[] = [
  { key: 'start', title: 'Hoe gaat het?', prompt: '', competence: null, private: false },
  { key: 'plan', title: 'Plan', prompt: 'Wat ga je doen?', competence: 'steering', private: false },
];

describe('templates', () => {
  it('copies a template under "Kopie van …" (or "Copy of …"), with the words of the current language', async () => {
    const { api, template } = await makeDialogueWorld();
    const intake = template('intake');
    const copy = await api.templates.copy({ templateId: intake.templateId });
    expect(copy).toMatchObject({ name: 'Kopie van Intake — vraagsturing', kind: 'external', version: 1, builtinKey: null, archived: false });
    expect(copy.templateId).not.toBe(intake.templateId);
    expect(copy.sections).toEqual(intake.sections);

    await api.settings.setLanguage({ language: 'en' });
    const english = await api.templates.copy({ templateId: intake.templateId });
    expect(english.name).toBe('Copy of Intake — student-led questions');
    expect(english.sections[0]).toMatchObject({ key: 'background', title: 'Background' });
    // A copy of a copy takes the copy's (own) name.
    expect((await api.templates.copy({ templateId: copy.templateId })).name).toBe('Copy of Kopie van Intake — vraagsturing');
  });

  it('saves an edit as a new version; a dialogue made with version 1 keeps version 1', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const v1 = await api.templates.copy({ templateId: template('dossier-activity').templateId });
    const dialogue = await newDialogue(api, student.id, v1);

    const v2 = await api.templates.saveVersion({ templateId: v1.templateId, name: 'Stagegesprek', kind: 'external', sections });
    expect(v2).toMatchObject({ templateId: v1.templateId, version: 2, name: 'Stagegesprek', kind: 'external', sections });
    expect(v2.id).not.toBe(v1.id);
    const v3 = await api.templates.saveVersion({ templateId: v1.templateId, name: 'Stagegesprek kort', kind: 'external', sections: sections.slice(0, 1) });
    expect(v3.version).toBe(3);

    // Every version stays readable as it was.
    expect(await api.templates.get({ versionId: v1.id })).toEqual(v1);
    expect(await api.templates.get({ versionId: v2.id })).toEqual(v2);
    const reread = await api.dialogues.get({ id: dialogue.id });
    expect(reread.template).toEqual(v1);
    expect(reread.content.map((s) => s.sectionKey)).toEqual(['goal', 'result', 'evaluation', 'follow-up']);
    expect(reread.kind).toBe('internal');
    // The list shows the latest version only.
    const listed = (await api.templates.list()).filter((t) => t.templateId === v1.templateId);
    expect(listed).toEqual([v3]);
    // New dialogues take the new version's sections and kind.
    const later = await newDialogue(api, student.id, v2);
    expect(later.content.map((s) => s.sectionKey)).toEqual(['start', 'plan']);
    expect(later.kind).toBe('external');
  });

  it('refuses to save a version of a built-in template, and stores nothing', async () => {
    const { api, template } = await makeDialogueWorld();
    const intake = template('intake');
    await expectAppError(api.templates.saveVersion({ templateId: intake.templateId, name: 'Mijn intake', kind: 'external', sections }), 'READ_ONLY');
    expect((await api.templates.list()).find((t) => t.templateId === intake.templateId)).toEqual(intake);
  });

  it('lists built-ins first in their order, then custom templates by name; archived ones only on request', async () => {
    const { api, template } = await makeDialogueWorld();
    const base = await api.templates.copy({ templateId: template('intake').templateId });
    const zebra = await api.templates.saveVersion({ templateId: base.templateId, name: 'zebra', kind: 'internal', sections });
    const other = await api.templates.copy({ templateId: template('intake').templateId });
    const alpha = await api.templates.saveVersion({ templateId: other.templateId, name: 'Alpha', kind: 'internal', sections });

    const names = async (includeArchived = false) => (await api.templates.list({ includeArchived })).map((t) => t.name);
    expect((await names()).slice(5)).toEqual(['Alpha', 'zebra']);
    expect((await names())[0]).toBe('Interne dialoog — reflectie op een ervaring');

    const archived = await api.templates.setArchived({ templateId: zebra.templateId, archived: true });
    expect(archived).toMatchObject({ id: zebra.id, archived: true });
    expect((await names()).slice(5)).toEqual(['Alpha']);
    expect((await names(true)).slice(5)).toEqual(['Alpha', 'zebra']);
    // An archived version can still be fetched, since old dialogues point at it.
    expect((await api.templates.get({ versionId: zebra.id })).archived).toBe(true);

    await api.templates.setArchived({ templateId: zebra.templateId, archived: false });
    expect((await names()).slice(5)).toEqual(['Alpha', 'zebra']);
    expect(alpha.version).toBe(2);
  });

  it('answers NOT_FOUND for unknown templates and versions', async () => {
    const { api } = await makeDialogueWorld();
    const id = randomUUID();
    await expectAppError(api.templates.get({ versionId: id }), 'NOT_FOUND');
    await expectAppError(api.templates.copy({ templateId: id }), 'NOT_FOUND');
    await expectAppError(api.templates.saveVersion({ templateId: id, name: 'X', kind: 'internal', sections }), 'NOT_FOUND');
    await expectAppError(api.templates.setArchived({ templateId: id, archived: true }), 'NOT_FOUND');
  });
});
