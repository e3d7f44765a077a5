import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/connection';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations';
import { BUILTIN_CODES } from '../../../shared/builtins/codes';
import { BUILTIN_TEMPLATES } from '../../../shared/builtins/templates';
import { tempDir } from '../helpers/tempDir';

/** An unencrypted database in a temp folder (with the pragmas every connection gets). */
function freshDb(): Db {
  return openDatabase(join(tempDir(), 'schema.db'), { key: null });
}

function dumpSchema(db: Db): string {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as
    { type: string; name: string; tbl_name: string; sql: string | null }[];
  return `${rows.map((r) => `-- ${r.type} ${r.name} ON ${r.tbl_name}\n${r.sql ?? '(automatic)'};`).join('\n\n')}\n`;
}

const userTables = (db: Db) =>
  (db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as
    { name: string; strict: number }[]);

describe('migrations', () => {
  it('numbers migrations so that the latest version is their count', () => {
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    MIGRATIONS.forEach((m, i) => expect(m.name).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}_[a-z0-9_]+$`)));
  });

  it('produces the committed schema snapshot', async () => {
    const db = freshDb();
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    const schema = dumpSchema(db);
    db.close();
    await expect(schema).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });

  it('sets user_version to the latest, and a second run is a no-op', () => {
    const db = freshDb();
    expect(schemaVersion(db)).toBe(0);
    migrate(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const before = dumpSchema(db);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('schoolName', '"X"')`).run();
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    expect(dumpSchema(db)).toBe(before);
    expect(db.prepare('SELECT value FROM settings').pluck().all()).toEqual(['"X"']);
    db.close();
  });

  it('makes every table STRICT', () => {
    const db = freshDb();
    migrate(db);
    const tables = userTables(db);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['students', 'dialogues', 'audit_events', 'vault_meta']));
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);
    // STRICT really bites: a text in an INTEGER column is refused.
    expect(() => db.prepare(`INSERT INTO codes (id, name, color, position, created_at, updated_at) VALUES ('c', 'n', '#fff', 'abc', 'x', 'x')`).run())
      .toThrowError(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_DATATYPE' }));
    db.close();
  });

  it('enforces foreign keys: no dialogue for a missing student', () => {
    const db = freshDb();
    migrate(db);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare(`INSERT INTO templates (id, created_at) VALUES ('t1', 'x')`).run();
    db.prepare(`INSERT INTO template_versions (id, template_id, version, name, kind, sections, created_at) VALUES ('tv1', 't1', 1, 'n', 'internal', '[]', 'x')`).run();
    const insertDialogue = db.prepare(`INSERT INTO dialogues (id, student_id, template_version_id, kind, held_on, content, created_at, updated_at)
      VALUES (?, ?, 'tv1', 'internal', '2025-09-01', '[]', 'x', 'x')`);
    expect(() => insertDialogue.run('d1', 'no-such-student')).toThrowError(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }));
    db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES ('s1', 'A', 'havo', 'x', 'x')`).run();
    insertDialogue.run('d1', 's1');
    expect(db.prepare('SELECT count(*) FROM dialogues').pluck().get()).toBe(1);
    // ON DELETE CASCADE follows from the same enforcement.
    db.prepare(`DELETE FROM students WHERE id = 's1'`).run();
    expect(db.prepare('SELECT count(*) FROM dialogues').pluck().get()).toBe(0);
    db.close();
  });

  it('a failing step leaves user_version and the schema as they were', () => {
    const db = freshDb();
    db.exec('CREATE TABLE audit_events (conflict INTEGER)');
    const before = dumpSchema(db);
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(0);
    // Nothing of the step stuck: the tables it made before failing were rolled back.
    expect(dumpSchema(db)).toBe(before);
    expect(userTables(db).map((t) => t.name)).toEqual(['audit_events']);
    db.close();
  });

  it('refuses a database newer than the app, without touching it', () => {
    const db = freshDb();
    migrate(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    const before = dumpSchema(db);
    expect(() => migrate(db)).toThrowError(expect.objectContaining({ code: 'VAULT_TOO_NEW' }));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(dumpSchema(db)).toBe(before);
    db.close();
  });

  it('seeds the five built-in templates (version 1) and eight built-in codes, in Dutch', () => {
    const db = freshDb();
    migrate(db);
    const templates = db.prepare(`SELECT t.builtin_key, v.version, v.name, v.kind, v.sections FROM templates t
      JOIN template_versions v ON v.template_id = t.id ORDER BY v.rowid`).all() as
      { builtin_key: string; version: number; name: string; kind: string; sections: string }[];
    expect(templates.map((t) => t.builtin_key)).toEqual(['internal-reflection', 'external-career', 'intake', 'workplace-triad', 'dossier-activity']);
    expect(templates.map((t) => t.name)).toEqual([
      'Interne dialoog — reflectie op een ervaring', 'Externe dialoog — loopbaangesprek', 'Intake — vraagsturing',
      'Praktijkbegeleidingsgesprek', 'Loopbaandossier-activiteit',
    ]);
    expect(templates.every((t) => t.version === 1)).toBe(true);
    const intake = JSON.parse(templates[2]!.sections) as unknown[];
    expect(intake[1]).toEqual({ key: 'goal', title: 'Wat wil je hier halen?', prompt: 'De eigen vraag van de leerling, in zijn of haar woorden.', competence: 'steering', private: false });
    expect(intake.at(-1)).toMatchObject({ key: 'mentor-notes', private: true });
    for (const [index, template] of templates.entries()) {
      expect(JSON.parse(template.sections)).toEqual(BUILTIN_TEMPLATES[index]!.sections.map((section) => ({
        key: section.key, title: section.title.nl, prompt: section.prompt.nl, competence: section.competence, private: section.private,
      })));
      expect(template.kind).toBe(BUILTIN_TEMPLATES[index]!.kind);
    }

    const codes = db.prepare('SELECT builtin_key, name, color, cue, position, parent_id FROM codes ORDER BY position').all();
    expect(codes).toEqual(BUILTIN_CODES.map((code, position) => ({
      builtin_key: code.key, name: code.name.nl, color: code.color, cue: code.cue, position, parent_id: null,
    })));
    // DOMAIN.md's codebook: Grenservaring, the five competences, Leervraag and Afspraak.
    expect((codes as { name: string }[]).map((c) => c.name)).toEqual([
      'Grenservaring', 'Capaciteitenreflectie', 'Motievenreflectie', 'Werkexploratie', 'Loopbaansturing', 'Netwerken', 'Leervraag', 'Afspraak',
    ]);
    const ids = db.prepare('SELECT id FROM templates UNION ALL SELECT id FROM template_versions UNION ALL SELECT id FROM codes').pluck().all() as string[];
    ids.forEach((id) => expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/));
    db.close();
  });

  it('brings a version-1 database to version 2 and keeps its data; new codes get a cue', () => {
    const db = freshDb();
    db.exec(MIGRATIONS[0]!.sql!);
    db.pragma('user_version = 1');
    db.prepare(`INSERT INTO codes (id, name, color, position, created_at, updated_at) VALUES ('mine', 'Eigen code', '#56B4E9', 0, 'x', 'x')`).run();
    db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES ('s1', 'Noor', 'havo', 'x', 'x')`).run();

    expect(migrate(db)).toEqual({ from: 1, to: LATEST_SCHEMA_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    // 0003 filled the search index from the data that was there.
    expect(db.prepare(`SELECT ref_id FROM search_docs WHERE rowid IN (SELECT rowid FROM search_index WHERE search_index MATCH 'noor')`).pluck().all()).toEqual(['s1']);
    expect(db.prepare(`SELECT cue FROM codes WHERE id = 'mine'`).pluck().get()).toBe('solid');
    expect(db.prepare('SELECT count(*) FROM codes WHERE builtin_key IS NOT NULL').pluck().get()).toBe(8);
    expect(db.prepare('SELECT count(*) FROM template_versions').pluck().get()).toBe(5);
    expect(db.prepare('SELECT display_name FROM students').pluck().all()).toEqual(['Noor']);
    // The cue is checked like every other closed vocabulary.
    expect(() => db.prepare(`UPDATE codes SET cue = 'zigzag' WHERE id = 'mine'`).run()).toThrowError(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }));
    db.close();
  });

  it('rolls back a step whose seeding fails, column and all', () => {
    const db = freshDb();
    db.exec(MIGRATIONS[0]!.sql!);
    db.pragma('user_version = 1');
    // A built-in key already taken makes the seed hit the UNIQUE constraint after the ALTER ran.
    db.prepare(`INSERT INTO templates (id, builtin_key, created_at) VALUES ('t', 'dossier-activity', 'x')`).run();
    expect(() => migrate(db)).toThrowError(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
    expect(schemaVersion(db)).toBe(1);
    expect((db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('codes') as string[])).not.toContain('cue');
    expect(db.prepare('SELECT count(*) FROM templates').pluck().get()).toBe(1);
    db.close();
  });
});
