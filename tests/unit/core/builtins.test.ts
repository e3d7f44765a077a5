import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { BUILTIN_CODES } from '../../../shared/builtins/codes';
import { BUILTIN_TEMPLATES } from '../../../shared/builtins/templates';
import { PASSPHRASE, makeUnlockedBackend } from '../helpers/core';
import { makeDialogueWorld, newDialogue } from '../helpers/dialogues';

describe('built-in templates and codes', () => {
  it('come in Dutch by default, built-in templates in their fixed order', async () => {
    const { api } = await makeUnlockedBackend();
    const templates = await api.templates.list();
    expect(templates.map((t) => t.builtinKey)).toEqual(BUILTIN_TEMPLATES.map((t) => t.key));
    expect(templates[0]).toMatchObject({ name: 'Interne dialoog — reflectie op een ervaring', kind: 'internal', version: 1, archived: false });
    expect(templates[0]!.sections[0]).toEqual({
      key: 'experience', title: 'Wat heb je meegemaakt?', prompt: 'Beschrijf de situatie: waar, wanneer, wie waren erbij, wat gebeurde er?',
      competence: null, private: false,
    });
    const codes = await api.codes.list();
    expect(codes.map((c) => c.name)).toEqual(BUILTIN_CODES.map((c) => c.name.nl));
    expect(codes.map((c) => c.cue)).toEqual(BUILTIN_CODES.map((c) => c.cue));
    expect(codes.every((c) => c.usage === 0 && c.parentId === null)).toBe(true);
  });

  it('follow the UI language: names, section titles and prompts, in every response that carries them', async () => {
    const { api, student, template } = await makeDialogueWorld();
    const dialogue = await newDialogue(api, student.id, template('intake'));
    await api.settings.setLanguage({ language: 'en' });

    const templates = await api.templates.list();
    expect(templates.map((t) => t.name)).toEqual(BUILTIN_TEMPLATES.map((t) => t.name.en));
    expect(templates[2]!.sections.map((s) => s.title)).toEqual(['Background', 'What do you want to get out of this?', 'How can we best help you?', 'Picture of the profession', 'Agreements', 'Mentor notes (private)']);
    expect(templates[2]!.sections[1]!.prompt).toBe('The student’s own question, in their own words.');
    expect((await api.templates.get({ versionId: template('intake').id })).name).toBe('Intake — student-led questions');
    expect((await api.codes.list()).map((c) => c.name)).toEqual(BUILTIN_CODES.map((c) => c.name.en));
    expect((await api.dialogues.get({ id: dialogue.id })).template.sections[0]!.title).toBe('Background');
    expect((await api.dialogues.list({ studentId: student.id }))[0]!.templateName).toBe('Intake — student-led questions');
    const again = await newDialogue(api, student.id, template('intake'));
    expect(again.template.name).toBe('Intake — student-led questions');

    await api.settings.setLanguage({ language: 'nl' });
    expect((await api.dialogues.get({ id: dialogue.id })).template.sections[0]!.title).toBe('Voorgeschiedenis');
  });

  it('a custom template or code reads as the mentor wrote it, whatever the language', async () => {
    const { api, template } = await makeDialogueWorld();
    const copy = await api.templates.copy({ templateId: template('intake').templateId });
    const code = await api.codes.create({ name: 'Twijfel', color: '#009E73' });
    await api.settings.setLanguage({ language: 'en' });
    expect((await api.templates.get({ versionId: copy.id })).name).toBe('Kopie van Intake — vraagsturing');
    expect((await api.templates.get({ versionId: copy.id })).sections[0]!.title).toBe('Voorgeschiedenis');
    expect((await api.codes.list()).find((c) => c.id === code.id)!.name).toBe('Twijfel');
  });

  it('an existing vault at schema version 1 is migrated on unlock', async () => {
    const { api, backend } = await makeUnlockedBackend();
    const db = backend.vault.database();
    // Back to what a version-1 vault holds: no seeded rows, no cue column, but the mentor's own code.
    db.exec(`DELETE FROM template_versions; DELETE FROM templates; DELETE FROM codes; ALTER TABLE codes DROP COLUMN cue;
      INSERT INTO codes (id, name, color, position, created_at, updated_at)
      VALUES ('0b4f1e7a-3c52-4d0e-9f5b-2a7c8d9e0f11', 'Eigen code', '#56B4E9', 0, 'x', 'x');`);
    // And without what later migrations add: the search index of 0003 (0004 only rebuilds its rows).
    for (const name of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'`).pluck().all() as string[]) {
      db.exec(`DROP TRIGGER "${name}"`);
    }
    db.exec('DROP TABLE search_index; DROP TABLE search_docs;');
    // And the passage indexes of 0005.
    db.exec('DROP INDEX annotations_passages_by_code; DROP INDEX annotations_passages_by_dialogue;');
    // And the erased-ids list of 0007 (0008 only replaces the search triggers dropped above).
    db.exec('DROP TABLE erased_students;');
    // And the recordings of 0009 and the student number of 0010.
    db.exec('DROP TABLE IF EXISTS recording_chunks; DROP TABLE IF EXISTS recordings; DROP TABLE IF EXISTS consents;');
    db.exec('DROP INDEX students_by_number; ALTER TABLE students DROP COLUMN student_number;');
    // And the table name of 0011 (agreements was actions, with its index of 0001).
    db.exec(`DROP INDEX agreements_open_by_student; ALTER TABLE agreements RENAME TO actions;
      CREATE INDEX actions_open_by_student ON actions (student_id, done_at, due_date);`);
    db.pragma('user_version = 1');
    await api.vault.lock();

    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(schemaVersion(backend.vault.database())).toBe(LATEST_SCHEMA_VERSION);
    expect(await api.templates.list()).toHaveLength(5);
    const codes = await api.codes.list();
    expect(codes.filter((c) => c.builtinKey)).toHaveLength(BUILTIN_CODES.length);
    expect(codes.find((c) => !c.builtinKey)).toMatchObject({ name: 'Eigen code', cue: 'solid' });
  });
});
