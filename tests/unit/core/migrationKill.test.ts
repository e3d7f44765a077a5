import { upgradeDocRoles } from '../../../shared/legacyVocabulary';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DialogueDoc } from '../../../shared/editorDoc';
import { openDatabase, type Db } from '../../../electron/core/db/connection';
import { migrate, type MigrationProgress, schemaVersion } from '../../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { dialoguePassages } from '../../../electron/core/search/searchIndex';
import { Vault } from '../../../electron/core/vault/vault';
import { PASSPHRASE, TEST_SCRYPT } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';
import { makePendingVault, PRE_0004_VERSION } from './pendingMigrationVault';
import { runMigrationChild } from './spawnChild';

function dumpSchema(db: Db): string {
  const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as
    { type: string; name: string; tbl_name: string; sql: string | null }[];
  return rows.map((r) => `-- ${r.type} ${r.name} ON ${r.tbl_name}\n${r.sql ?? '(automatic)'};`).join('\n\n');
}

/** The mentor's data, as a digest per table: what a migration must never change. */
/**
 * `asMigrated`: the dialogues' content as migration 0011 leaves it (speaker roles in English, the
 * text untouched; a document without a Dutch role keeps its stored string), so that a digest
 * taken before migrating compares with one taken after.
 */
function dataDigest(db: Db, asMigrated = false) {
  const migrated = (content: unknown): unknown => {
    const { doc, changed } = upgradeDocRoles(JSON.parse(content as string));
    return changed ? JSON.stringify(doc) : content;
  };
  const digest = (sql: string, contentColumn?: number): { rows: number; sha256: string } => {
    const rows = (db.prepare(sql).raw().all() as unknown[][])
      .map((row) => (contentColumn === undefined ? row : row.map((value, column) => (column === contentColumn ? migrated(value) : value))));
    return { rows: rows.length, sha256: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
  };
  return {
    students: digest('SELECT id, display_name, school_type, created_at FROM students ORDER BY id'),
    dialogues: digest('SELECT id, student_id, template_version_id, content, word_count FROM dialogues ORDER BY id', asMigrated ? 3 : undefined),
    vault_meta: digest('SELECT vault_id FROM vault_meta'),
    templates: digest('SELECT id, name, sections FROM template_versions ORDER BY id'),
  };
}

function versionOnDisk(dbPath: string, key: Buffer): number {
  const db = openDatabase(dbPath, { key });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

/** Starts the child's unlock and SIGKILLs it at the first progress report `when` accepts. */
async function killDuring(dataDir: string, when: (progress: MigrationProgress) => boolean): Promise<MigrationProgress> {
  let killedAt: MigrationProgress | null = null;
  const run = await runMigrationChild({ MIGRATION_DIR: dataDir, MIGRATION_CHILD_MODE: 'unlock' }, (line, child) => {
    if (killedAt || !line.startsWith('PROGRESS ')) return;
    const progress = JSON.parse(line.slice('PROGRESS '.length)) as MigrationProgress;
    if (when(progress)) {
      killedAt = progress;
      child.kill('SIGKILL');
    }
  });
  if (run.signal !== 'SIGKILL' || !killedAt) throw new Error(`the child was not killed mid-migration (exit ${run.code}): ${run.stderr}\n${run.lines.join('\n')}`);
  expect(run.lines).not.toContain('UNLOCKED');
  return killedAt;
}

describe('a migration killed halfway', () => {
  it('leaves a vault that the next unlock migrates cleanly, with every row whole', async () => {
    const dataDir = tempDir();
    // ~600 dialogues: 0004 takes about a second here, so a kill at half its rows lands well
    // inside its transaction (the index pass, the merge and the commit are still to come).
    const pending = await makePendingVault(dataDir, { students: 30, dialoguesPerStudent: 20, wordsPerDialogue: 1_000 }, PASSPHRASE, TEST_SCRYPT);
    const before = (() => {
      const db = openDatabase(pending.dbPath, { key: pending.key });
      try {
        return dataDigest(db, true);
      } finally {
        db.close();
      }
    })();
    expect(before.dialogues.rows).toBe(600);

    // 1. Halfway through 0004's rows: the step had not committed, so the vault is still at 3.
    const rows = pending.dialogues;
    const first = await killDuring(dataDir, (p) => p.migration === 4 && p.done >= rows / 2 && p.done < rows);
    expect(first).toMatchObject({ migration: 4, name: '0004_search_passages', step: 1, steps: LATEST_SCHEMA_VERSION - PRE_0004_VERSION });
    expect(versionOnDisk(pending.dbPath, pending.key)).toBe(PRE_0004_VERSION);

    // 2. Again, later: after the index pass, in the merge or the commit. Whether the commit got
    // to the disk before the kill is up to the timing; either way the vault is at a whole version.
    await killDuring(dataDir, (p) => p.migration === 4 && p.done > rows);
    const afterSecondKill = versionOnDisk(pending.dbPath, pending.key);
    expect([PRE_0004_VERSION, PRE_0004_VERSION + 1]).toContain(afterSecondKill);

    // 3. The next unlock, in this process, migrates what is left and opens the vault.
    const vault = new Vault({ dataDir, appVersion: '0.0.0-test', scryptParams: TEST_SCRYPT });
    const seen: MigrationProgress[] = [];
    vault.onMigrationProgress((p) => seen.push(p));
    await vault.unlock(PASSPHRASE);
    try {
      const db = vault.database();
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(seen.filter((p) => p.done === p.total).map((p) => p.migration))
        .toEqual(Array.from({ length: LATEST_SCHEMA_VERSION - afterSecondKill }, (_, i) => afterSecondKill + 1 + i));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // FTS5's own check that the index matches its content table, row for row.
      db.prepare(`INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)`).run();

      // The data is whole: every student, dialogue and template exactly as before.
      expect(dataDigest(db)).toEqual(before);

      // The schema is the one a new vault gets.
      const fresh = openDatabase(join(tempDir(), 'fresh.db'), { key: null });
      migrate(fresh);
      expect(dumpSchema(db)).toBe(dumpSchema(fresh));
      fresh.close();

      // The index holds every passage once (0004's rebuild ran whole, not twice nor half) and
      // finds a word that is in one dialogue only.
      const contents = db.prepare('SELECT content FROM dialogues').pluck().all() as string[];
      const passages = contents.reduce((sum, content) => sum + dialoguePassages(JSON.parse(content) as DialogueDoc).length, 0);
      expect(db.prepare(`SELECT count(*) FROM search_docs WHERE source = 'dialogue'`).pluck().get()).toBe(passages);
      expect(db.prepare(`SELECT count(*) FROM search_docs WHERE source = 'student'`).pluck().get()).toBe(pending.students);
      expect(db.prepare(`SELECT DISTINCT d.dialogue_id FROM search_index JOIN search_docs d ON d.id = search_index.rowid WHERE search_index MATCH ?`)
        .pluck().all(pending.needle)).toEqual([pending.needleDialogueId]);
      // 0006 ran too: FTS5 delete markers instead of secure-delete.
      expect(db.prepare(`SELECT v FROM search_index_config WHERE k = 'secure-delete'`).pluck().get()).toBe(0);
    } finally {
      vault.lock();
    }
  }, 120_000);
});
