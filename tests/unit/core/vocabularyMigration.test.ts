import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/connection';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { parseSnapshot } from '../../../electron/core/handover/studentSnapshot';
import { tempDir } from '../helpers/tempDir';

const NOW = '2026-11-01T10:00:00.000Z';

/** Dialogue content as the previous version stored it: imported turns with Dutch roles. */
function legacyContent(): string {
  return JSON.stringify([{
    type: 'section', sectionKey: 'experience', children: [
      { type: 'paragraph', speaker: 'Sanne', role: 'leerling', children: [{ text: 'Ik vond het spannend.' }] },
      { type: 'paragraph', speaker: 'Mevr. Jansen', role: 'mentor', children: [{ text: 'Vertel.' }] },
      { type: 'paragraph', speaker: 'Piet', role: 'praktijkbegeleider', children: [{ text: 'Ze deed het goed, anders dan gedacht.' }] },
    ],
  }]);
}

/** A vault at schema 0010 holding one of every Dutch stored key. */
function vaultAt0010(): Db {
  const db = openDatabase(join(tempDir(), 'legacy.db'), { key: null });
  migrate(db, { target: 10 });
  // 0002 seeds the built-in codes from today's list; the previous version seeded Dutch keys.
  for (const [from, to] of [['grenservaring', 'boundaryExperience'], ['leervraag', 'learningQuestion'], ['afspraak', 'agreement']]) {
    db.prepare('UPDATE codes SET builtin_key = ? WHERE builtin_key = ?').run(from, to);
  }
  const versionId = db.prepare('SELECT id FROM template_versions LIMIT 1').pluck().get() as string;
  const boundary = db.prepare(`SELECT id FROM codes WHERE builtin_key = 'grenservaring'`).pluck().get() as string;
  db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES ('s1', 'Sanne', 'havo', ?, ?)`).run(NOW, NOW);
  for (const id of ['d1', 'd2']) {
    db.prepare(`INSERT INTO dialogues (id, student_id, template_version_id, kind, held_on, content, created_at, updated_at)
      VALUES (?, 's1', ?, 'external', '2026-10-01', ?, ?, ?)`).run(id, versionId, legacyContent(), NOW, NOW);
  }
  const participant = db.prepare('INSERT INTO dialogue_participants (id, dialogue_id, name, role, position) VALUES (?, ?, ?, ?, ?)');
  participant.run('p1', 'd1', 'Sanne', 'leerling', 0);
  participant.run('p2', 'd1', 'Piet', 'praktijkbegeleider', 1);
  participant.run('p3', 'd1', 'Moeder', 'ouder', 2);
  participant.run('p4', 'd1', 'Iemand', 'anders', 3);
  participant.run('p5', 'd1', 'Mevr. Jansen', 'mentor', 4);
  db.prepare(`INSERT INTO annotations (id, dialogue_id, code_id, quote, attributes, created_at, updated_at) VALUES ('a1', 'd1', ?, 'spannend', ?, ?, ?)`)
    .run(boundary, JSON.stringify({ dilemmaType: 'ethisch', context: 'stage' }), NOW, NOW);
  db.prepare(`INSERT INTO annotations (id, dialogue_id, code_id, quote, attributes, created_at, updated_at) VALUES ('a2', 'd1', ?, 'goed', ?, ?, ?)`)
    .run(boundary, JSON.stringify({ dilemmaType: 'kwaliteit', context: 'school' }), NOW, NOW);
  db.prepare(`INSERT INTO actions (id, student_id, dialogue_id, text, owner, created_at, updated_at) VALUES ('x1', 's1', 'd1', 'Stageverslag afmaken', 'student', ?, ?)`)
    .run(NOW, NOW);
  return db;
}

const tableNames = (db: Db) => db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];

describe('migration 0011: English stored keys', () => {
  it('converts roles, code keys, annotation attributes, speaker roles in documents, and renames actions to agreements', () => {
    const db = vaultAt0010();
    migrate(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT role FROM dialogue_participants ORDER BY position').pluck().all())
      .toEqual(['student', 'workplaceSupervisor', 'parent', 'other', 'mentor']);
    const keys = db.prepare('SELECT builtin_key FROM codes WHERE builtin_key IS NOT NULL').pluck().all();
    expect(keys).toEqual(expect.arrayContaining(['boundaryExperience', 'learningQuestion', 'agreement', 'competence:steering']));
    expect(keys).not.toContain('grenservaring');
    expect(db.prepare('SELECT attributes FROM annotations ORDER BY id').pluck().all().map((a) => JSON.parse(a as string)))
      .toEqual([{ dilemmaType: 'ethical', context: 'internship' }, { dilemmaType: 'quality', context: 'school' }]);
    for (const content of db.prepare('SELECT content FROM dialogues').pluck().all()) {
      const turns = (JSON.parse(content as string) as { children: { role: string; children: { text: string }[] }[] }[])[0]!.children;
      expect(turns.map((turn) => turn.role)).toEqual(['student', 'mentor', 'workplaceSupervisor']);
      // Text is never mapped, even when it holds one of the old words.
      expect(turns[2]!.children[0]!.text).toBe('Ze deed het goed, anders dan gedacht.');
    }
    expect(tableNames(db)).toContain('agreements');
    expect(tableNames(db)).not.toContain('actions');
    expect(db.prepare('SELECT text FROM agreements').pluck().all()).toEqual(['Stageverslag afmaken']);
    // The old CHECK is gone with the table: a Dutch role is refused now, an English one taken.
    expect(() => db.prepare(`INSERT INTO dialogue_participants (id, dialogue_id, name, role) VALUES ('p9', 'd1', 'X', 'leerling')`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO dialogue_participants (id, dialogue_id, name, role) VALUES ('p9', 'd1', 'X', 'workplaceSupervisor')`).run();
    // The agreements' search triggers came back under the new table: a new agreement is found.
    db.prepare(`INSERT INTO agreements (id, student_id, text, owner, created_at, updated_at) VALUES ('x2', 's1', 'Meeloopdag plannen', 'mentor', ?, ?)`).run(NOW, NOW);
    expect(db.prepare(`SELECT body FROM search_docs WHERE source = 'action' ORDER BY body`).pluck().all()).toEqual(['Meeloopdag plannen', 'Stageverslag afmaken']);
    db.prepare(`DELETE FROM agreements WHERE id = 'x2'`).run();
    expect(db.prepare(`SELECT count(*) FROM search_docs WHERE ref_id = 'x2'`).pluck().get()).toBe(0);
    db.close();
  });

  it('stopped halfway (after its SQL, inside its document pass) leaves version 10 untouched, and the next run migrates cleanly', () => {
    const db = vaultAt0010();
    // The second report of step 11 comes from `up`, after every statement of its SQL has run.
    let reports = 0;
    expect(() => migrate(db, {
      onProgress: (progress) => {
        if (progress.migration === 11 && ++reports === 2) throw new Error('killed');
      },
    })).toThrow('killed');
    expect(reports).toBe(2);
    expect(schemaVersion(db)).toBe(10);
    expect(tableNames(db)).toContain('actions');
    expect(tableNames(db)).not.toContain('agreements');
    expect(tableNames(db)).not.toContain('dialogue_participants_new');
    expect(db.prepare('SELECT role FROM dialogue_participants ORDER BY position').pluck().all())
      .toEqual(['leerling', 'praktijkbegeleider', 'ouder', 'anders', 'mentor']);
    expect(db.prepare(`SELECT count(*) FROM codes WHERE builtin_key = 'grenservaring'`).pluck().get()).toBe(1);

    expect(migrate(db)).toEqual({ from: 10, to: LATEST_SCHEMA_VERSION });
    expect(db.prepare('SELECT role FROM dialogue_participants ORDER BY position').pluck().all())
      .toEqual(['student', 'workplaceSupervisor', 'parent', 'other', 'mentor']);
    expect(db.prepare('SELECT count(*) FROM agreements').pluck().get()).toBe(1);
    db.close();
  });
});

describe('handover files of the previous version', () => {
  it('import with their Dutch roles, code keys and attributes mapped to the English ones', () => {
    const stamp = NOW;
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const legacy = {
      format: 'loopbaandialoog-student', version: 1, exportedAt: stamp,
      student: { id: id(1), displayName: 'Sanne', schoolType: 'havo', programme: '', cohort: '', mentor: '', leavingDate: null, archivedAt: null, createdAt: stamp, updatedAt: stamp },
      placements: [],
      templateVersions: [{ id: id(4), templateId: id(6), builtinKey: 'external-career', version: 1, name: 'Loopbaangesprek', kind: 'external',
        sections: [{ key: 'experience', title: 'Ervaring delen', prompt: '', competence: null, private: false }], createdAt: stamp }],
      codes: [{ id: id(2), parentId: null, builtinKey: 'grenservaring', name: 'Grenservaring', color: '#D55E00', cue: 'double' }],
      dialogues: [{
        id: id(3), templateVersionId: id(4), placementId: null, kind: 'external', heldOn: '2026-10-01', title: '',
        content: JSON.parse(legacyContent()) as unknown, wordCount: 9, status: 'draft', finalisedAt: null, revision: 1, createdAt: stamp, updatedAt: stamp,
        participants: [{ name: 'Sanne', role: 'leerling' }, { name: 'Piet', role: 'praktijkbegeleider' }, { name: 'Moeder', role: 'ouder' }],
      }],
      annotations: [{ id: id(5), dialogueId: id(3), codeId: id(2), quote: 'spannend', memo: '', attributes: { dilemmaType: 'financieel', context: 'bijbaan' }, createdAt: stamp, updatedAt: stamp }],
      actions: [],
      amendments: [],
    };
    const snapshot = parseSnapshot(legacy);
    expect(snapshot.codes[0]!.builtinKey).toBe('boundaryExperience');
    expect(snapshot.dialogues[0]!.participants.map((p) => p.role)).toEqual(['student', 'workplaceSupervisor', 'parent']);
    expect(snapshot.annotations[0]!.attributes).toEqual({ dilemmaType: 'financial', context: 'sideJob' });
    const turns = (snapshot.dialogues[0]!.content as unknown as { children: { role: string }[] }[])[0]!.children;
    expect(turns.map((turn) => turn.role)).toEqual(['student', 'mentor', 'workplaceSupervisor']);
    // Today's vocabulary reads the same, and a key neither old nor new is still refused.
    expect(parseSnapshot(JSON.parse(JSON.stringify(snapshot)) as unknown).dialogues[0]!.participants).toEqual(snapshot.dialogues[0]!.participants);
    const wrong = { ...legacy, dialogues: [{ ...legacy.dialogues[0]!, participants: [{ name: 'X', role: 'buurman' }] }] };
    expect(() => parseSnapshot(wrong)).toThrow();
  });
});
