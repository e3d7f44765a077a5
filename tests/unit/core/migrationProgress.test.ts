import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { migrate, type MigrationProgress, schemaVersion } from '../../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations';
import { Vault } from '../../../electron/core/vault/vault';
import { makeVault, PASSPHRASE, TEST_SCRYPT } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';
import { makePendingVault, PRE_0004_VERSION } from './pendingMigrationVault';

const SIZE = { students: 8, dialoguesPerStudent: 20, wordsPerDialogue: 800 };
/** The migrations a pending vault still needs, so a new migration does not break these tests. */
const PENDING = Array.from({ length: LATEST_SCHEMA_VERSION - PRE_0004_VERSION }, (_, i) => PRE_0004_VERSION + 1 + i);

function byMigration(events: MigrationProgress[]): Map<number, MigrationProgress[]> {
  const out = new Map<number, MigrationProgress[]>();
  for (const event of events) out.set(event.migration, [...(out.get(event.migration) ?? []), event]);
  return out;
}

/** The pragmas every connection from the one opener has (issue 14: temp_store = MEMORY is 2). */
function pragmas(db: ReturnType<typeof openDatabase>) {
  return {
    temp_store: db.pragma('temp_store', { simple: true }),
    foreign_keys: db.pragma('foreign_keys', { simple: true }),
    secure_delete: db.pragma('secure_delete', { simple: true }),
    journal_mode: db.pragma('journal_mode', { simple: true }),
  };
}

describe('migrations at unlock', () => {
  it('run in a worker and report progress: per row for the 0004 rebuild, done never going back', async () => {
    const dataDir = tempDir();
    const pending = await makePendingVault(dataDir, SIZE, PASSPHRASE, TEST_SCRYPT);
    const vault = new Vault({ dataDir, appVersion: '0.0.0-test', scryptParams: TEST_SCRYPT });
    const events: MigrationProgress[] = [];
    // A timer set at the first report of 0004 fires while 0004 still runs only if the migration
    // leaves this thread's event loop free; run here, it would fire after the whole unlock.
    let timerFiredAfter: MigrationProgress | undefined;
    let timerSet = false;
    vault.onMigrationProgress((progress) => {
      events.push(progress);
      if (!timerSet && progress.migration === 4) {
        timerSet = true;
        setTimeout(() => { timerFiredAfter = events.at(-1); }, 0);
      }
    });
    await vault.unlock(PASSPHRASE);
    try {
      expect(schemaVersion(vault.database())).toBe(LATEST_SCHEMA_VERSION);

      const perMigration = byMigration(events);
      expect([...perMigration.keys()]).toEqual(PENDING);
      for (const [migration, reports] of perMigration) {
        // Each step is announced, ends with done === total (after its commit), and done never
        // goes down in between.
        expect(reports[0]).toMatchObject({ migration, done: 0, step: migration - PRE_0004_VERSION, steps: PENDING.length });
        const last = reports.at(-1)!;
        expect(last.done).toBe(last.total);
        expect(reports.filter((r) => r.done === r.total)).toEqual([last]);
        reports.slice(1).forEach((report, index) => expect(report.done).toBeGreaterThanOrEqual(reports[index]!.done));
      }
      const rebuild = perMigration.get(4)!;
      expect(rebuild[0]!.name).toBe('0004_search_passages');
      // Per-row reports before the end: more than the start and the end, some between.
      const between = rebuild.filter((r) => r.done > 0 && r.done < r.total);
      expect(between.length).toBeGreaterThanOrEqual(10);
      // ...at most about one per percent, so 20,000 dialogues do not flood the port.
      expect(rebuild.length).toBeLessThanOrEqual(110);
      // The rows are counted: at least one unit per dialogue, and reports fall among them.
      expect(rebuild.at(-1)!.total).toBeGreaterThanOrEqual(pending.dialogues);
      expect(between.filter((r) => r.done < pending.dialogues).length).toBeGreaterThanOrEqual(10);

      expect(timerFiredAfter).toBeDefined();
      expect(timerFiredAfter!.migration).toBe(4);
      expect(timerFiredAfter!.done).toBeLessThan(timerFiredAfter!.total);

      // The vault's own connection, open while the worker migrated, keeps its pragmas.
      expect(pragmas(vault.database())).toEqual({ temp_store: 2, foreign_keys: 1, secure_delete: 1, journal_mode: 'wal' });
    } finally {
      vault.lock();
    }
  });

  it('a second unlock during the migration waits for the same job instead of starting one', async () => {
    const dataDir = tempDir();
    await makePendingVault(dataDir, { ...SIZE, students: 2 }, PASSPHRASE, TEST_SCRYPT);
    const vault = new Vault({ dataDir, appVersion: '0.0.0-test', scryptParams: TEST_SCRYPT });
    const events: MigrationProgress[] = [];
    vault.onMigrationProgress((progress) => events.push(progress));
    await Promise.all([vault.unlock(PASSPHRASE), vault.unlock(PASSPHRASE)]);
    try {
      expect(vault.isUnlocked).toBe(true);
      expect(events.filter((e) => e.done === e.total).map((e) => e.migration)).toEqual(PENDING);
    } finally {
      vault.lock();
    }
  });

  it('starts no job and reports nothing for a vault that is up to date', async () => {
    const { vault } = makeVault();
    await vault.create(PASSPHRASE);
    vault.lock();
    const events: MigrationProgress[] = [];
    const stop = vault.onMigrationProgress((progress) => events.push(progress));
    await vault.unlock(PASSPHRASE);
    expect(events).toEqual([]);
    stop();
  });

  it('a listener that throws does not fail the unlock, and an unsubscribed one hears nothing', async () => {
    const dataDir = tempDir();
    await makePendingVault(dataDir, { ...SIZE, students: 1 }, PASSPHRASE, TEST_SCRYPT);
    const vault = new Vault({ dataDir, appVersion: '0.0.0-test', scryptParams: TEST_SCRYPT });
    const heard: MigrationProgress[] = [];
    vault.onMigrationProgress(() => { throw new Error('a broken screen'); });
    vault.onMigrationProgress((p) => heard.push(p))();
    await vault.unlock(PASSPHRASE);
    expect(schemaVersion(vault.database())).toBe(LATEST_SCHEMA_VERSION);
    expect(heard).toEqual([]);
    vault.lock();
  });

  it('migrate reports every step, in order, also when called directly', () => {
    const db = openDatabase(join(tempDir(), 'plain.db'), { key: null });
    const events: MigrationProgress[] = [];
    migrate(db, { target: 2, onProgress: (p) => events.push(p) });
    expect(schemaVersion(db)).toBe(2);
    migrate(db, { onProgress: (p) => events.push(p) });
    expect(events.filter((e) => e.done === e.total).map((e) => [e.migration, e.step, e.steps]))
      .toEqual([[1, 1, 2], [2, 2, 2], ...Array.from({ length: LATEST_SCHEMA_VERSION - 2 }, (_, i) => [i + 3, i + 1, LATEST_SCHEMA_VERSION - 2])]);
    db.close();
  });
});

describe('the one opener', () => {
  it('sets every pragma on read-write and read-only connections, encrypted or not', () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 7);
    const rw = openDatabase(join(dir, 'a.db'), { key });
    migrate(rw);
    expect(pragmas(rw)).toEqual({ temp_store: 2, foreign_keys: 1, secure_delete: 1, journal_mode: 'wal' });
    const ro = openDatabase(join(dir, 'a.db'), { key, readonly: true });
    expect(pragmas(ro)).toEqual({ temp_store: 2, foreign_keys: 1, secure_delete: 1, journal_mode: 'wal' });
    ro.close();
    rw.close();
    const plain = openDatabase(join(dir, 'plain.db'), { key: null });
    expect(pragmas(plain)).toEqual({ temp_store: 2, foreign_keys: 1, secure_delete: 1, journal_mode: 'wal' });
    plain.close();
  });
});
