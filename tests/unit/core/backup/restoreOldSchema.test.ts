import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeHeader } from '../../../../electron/core/backup/container';
import { backupFileName } from '../../../../electron/core/backup/naming';
import { runWorker } from '../../../../electron/core/backup/worker';
import { openDatabase } from '../../../../electron/core/db/connection';
import { migrate, type MigrationProgress, schemaVersion } from '../../../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../../electron/core/db/migrations';
import type { KeyFile } from '../../../../electron/core/vault/keyFile';
import { chosenFilePicker } from '../../../harness/chosenFile';
import { makeBackend, makeUnlockedBackend, PASSPHRASE } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

// Issue 12: a backup made by the app before migration 0011 (schema 0010: the table `actions`,
// Dutch stored keys) restores on today's app, and the restore migrates it before it is shown.

const NOW = '2026-10-01T10:00:00.000Z';
// Ids as the app makes them (the contract checks them in every response).
const STUDENT = '5a1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const DIALOGUE = '6b2e3d4f-5061-4b7c-9d8e-0f1a2b3c4d5e';
const AGREEMENT = '7c3f4e50-6172-4c8d-8e9f-1a2b3c4d5e6f';

/**
 * A database at schema 0010 under `dataKey`, of vault `vaultId`, holding what the app of that
 * time stored: Dutch built-in code keys, participant roles and annotation attributes, and an
 * agreement in `actions` (as tests/unit/core/vocabularyMigration.test.ts builds it unencrypted).
 */
function databaseAt0010(path: string, dataKey: Buffer, vaultId: string): void {
  const db = openDatabase(path, { key: dataKey });
  try {
    migrate(db, { target: 10 });
    db.prepare('INSERT INTO vault_meta (id, vault_id, created_at, app_version) VALUES (1, ?, ?, ?)').run(vaultId, NOW, '0.9.0');
    for (const [from, to] of [['grenservaring', 'boundaryExperience'], ['leervraag', 'learningQuestion'], ['afspraak', 'agreement']]) {
      db.prepare('UPDATE codes SET builtin_key = ? WHERE builtin_key = ?').run(from, to);
    }
    const versionId = db.prepare('SELECT id FROM template_versions LIMIT 1').pluck().get() as string;
    const boundary = db.prepare(`SELECT id FROM codes WHERE builtin_key = 'grenservaring'`).pluck().get() as string;
    db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES (?, 'Sanne de Wit', 'havo', ?, ?)`).run(STUDENT, NOW, NOW);
    const content = JSON.stringify([{
      type: 'section', sectionKey: 'experience', children: [
        { type: 'paragraph', speaker: 'Sanne', role: 'leerling', children: [{ text: 'Ik vond de stage spannend.' }] },
        { type: 'paragraph', speaker: 'Piet', role: 'praktijkbegeleider', children: [{ text: 'Ze deed het goed.' }] },
      ],
    }]);
    db.prepare(`INSERT INTO dialogues (id, student_id, template_version_id, kind, held_on, content, created_at, updated_at)
      VALUES (?, ?, ?, 'external', '2026-09-30', ?, ?, ?)`).run(DIALOGUE, STUDENT, versionId, content, NOW, NOW);
    const participant = db.prepare('INSERT INTO dialogue_participants (id, dialogue_id, name, role, position) VALUES (?, ?, ?, ?, ?)');
    participant.run('8d405f61-7283-4d9e-9f0a-2b3c4d5e6f70', DIALOGUE, 'Sanne', 'leerling', 0);
    participant.run('9e516072-8394-4eaf-8a1b-3c4d5e6f7081', DIALOGUE, 'Piet', 'praktijkbegeleider', 1);
    db.prepare(`INSERT INTO annotations (id, dialogue_id, code_id, quote, attributes, created_at, updated_at) VALUES ('a1', ?, ?, 'spannend', ?, ?, ?)`)
      .run(DIALOGUE, boundary, JSON.stringify({ dilemmaType: 'ethisch', context: 'stage' }), NOW, NOW);
    db.prepare(`INSERT INTO actions (id, student_id, dialogue_id, text, owner, created_at, updated_at) VALUES (?, ?, ?, 'Stageverslag afmaken', 'student', ?, ?)`)
      .run(AGREEMENT, STUDENT, DIALOGUE, NOW, NOW);
  } finally {
    db.close();
  }
}

/**
 * A backup file of the database at `dbPath` as BackupService.run writes one (the same worker
 * copies and verifies the payload; the same header, MAC'd with the data key, carries the key file).
 */
async function backupFileOf(dbPath: string, dataKey: Buffer, keyFile: KeyFile, folder: string): Promise<string> {
  await fsp.mkdir(folder, { recursive: true });
  const target = join(folder, backupFileName(keyFile.vaultId, Date.parse(NOW)));
  const payloadPath = `${target}.db-part`;
  const copy = await runWorker({ kind: 'backup', dbPath, payloadPath }, dataKey);
  const header = encodeHeader({
    createdAt: NOW, appVersion: '0.9.0', vaultId: keyFile.vaultId, counts: copy.counts, keyFile,
    payloadLength: copy.length, payloadSha256: copy.sha256,
  }, dataKey);
  await fsp.writeFile(target, Buffer.concat([header, await fsp.readFile(payloadPath)]));
  await fsp.rm(payloadPath);
  return target;
}

describe('restoring a backup made at schema 0010', () => {
  it('restores on a new computer and migrates it (0011: actions → agreements, English keys) before it is shown', async () => {
    // The old laptop's vault: its key file and data key, with its database made again at 0010.
    const old = await makeUnlockedBackend();
    const { keyFile, dataKey } = old.backend.vault.keyMaterial();
    await old.api.vault.lock();
    const oldDb = join(tempDir(), 'vault-at-0010.db');
    databaseAt0010(oldDb, dataKey, keyFile.vaultId);
    const backupPath = await backupFileOf(oldDb, dataKey, keyFile, join(tempDir(), 'usb-stick'));
    dataKey.fill(0);

    const fresh = makeBackend({ openFilePicker: chosenFilePicker(backupPath) });
    const progress: MigrationProgress[] = [];
    fresh.backend.vault.onMigrationProgress((event) => progress.push(event));
    const picked = await fresh.api.vault.pickBackup({});
    expect(picked!.counts).toMatchObject({ students: 1, actions: 1 });
    await fresh.api.vault.restoreFromBackup({ token: picked!.token, method: 'passphrase', passphrase: PASSPHRASE });
    expect((await fresh.api.vault.status()).state).toBe('unlocked');

    // Migrated in the restore, in the worker that reports progress.
    expect(progress.some((event) => event.migration === 11)).toBe(true);
    const db = fresh.backend.vault.database();
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT role FROM dialogue_participants ORDER BY position').pluck().all()).toEqual(['student', 'workplaceSupervisor']);
    expect(JSON.parse(db.prepare(`SELECT attributes FROM annotations WHERE id = 'a1'`).pluck().get() as string))
      .toEqual({ dilemmaType: 'ethical', context: 'internship' });

    // What the mentor sees through the app: the student, the agreement, the built-in codes by their new keys.
    expect((await fresh.api.students.list()).map((s) => s.displayName)).toEqual(['Sanne de Wit']);
    expect((await fresh.api.actions.list({ studentId: STUDENT })).map((a) => a.text)).toEqual(['Stageverslag afmaken']);
    const keys = (await fresh.api.codes.list()).map((c) => c.builtinKey);
    expect(keys).toEqual(expect.arrayContaining(['boundaryExperience', 'learningQuestion', 'agreement']));
    expect(keys).not.toContain('grenservaring');
    // The restore rebuilt the search index over the renamed table: the agreement is found.
    expect(db.prepare(`SELECT body FROM search_docs WHERE source = 'action'`).pluck().all()).toEqual(['Stageverslag afmaken']);

    // And it stays a normal vault: locked and unlocked again, nothing left to migrate.
    const before = progress.length;
    await fresh.api.vault.lock();
    await fresh.api.vault.unlock({ passphrase: PASSPHRASE });
    expect(progress.length).toBe(before);
    expect((await fresh.api.actions.list({ studentId: STUDENT })).map((a) => a.text)).toEqual(['Stageverslag afmaken']);
  });
});
