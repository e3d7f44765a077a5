import { type FSWatcher, mkdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PASSPHRASE, TEST_SCRYPT } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';
import { makePendingVault } from './pendingMigrationVault';
import { runMigrationChild } from './spawnChild';

/**
 * Issue 14: SQLite's temp files are not encrypted by the cipher, so every connection keeps them
 * in memory (temp_store = MEMORY, set by the one opener). SQLite unlinks a temp file right after
 * creating it, so a folder that "stays empty" proves nothing; a watch on the folder sees the
 * file being created all the same. The child points SQLITE_TMPDIR (which SQLite reads before
 * TMPDIR) at a watched folder. TMPDIR itself stays: tsx keeps its compile cache there.
 */
function watchFolder(dir: string): { events: string[]; watcher: FSWatcher } {
  const events: string[] = [];
  const watcher = watch(dir, (event, name) => events.push(`${event}:${name}`));
  return { events, watcher };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('no SQLite temp files on disk', () => {
  it('not from the migration job, the backup job nor the vault connection; a FILE connection would show', async () => {
    const dataDir = tempDir();
    const pending = await makePendingVault(dataDir, { students: 8, dialoguesPerStudent: 20, wordsPerDialogue: 800 }, PASSPHRASE, TEST_SCRYPT);
    const sqliteTmp = join(tempDir(), 'sqlite-tmp');
    mkdirSync(sqliteTmp);

    const watched = watchFolder(sqliteTmp);
    try {
      // Unlock with the pending index rebuild (the migrate job's connection), a backup copy and
      // its check (the backup job's two connections), and a sort larger than the page cache.
      const run = await runMigrationChild({ MIGRATION_DIR: dataDir, MIGRATION_CHILD_MODE: 'work', SQLITE_TMPDIR: sqliteTmp });
      expect(run.code, run.stderr).toBe(0);
      expect(run.lines).toContain('UNLOCKED');
      expect(run.lines.some((line) => line.startsWith('PROGRESS ') && line.includes('"migration":4'))).toBe(true);
      expect(Number(run.lines.find((line) => line.startsWith('SORTED '))?.slice(7))).toBeGreaterThan(1_000);
      await settle();
      expect(watched.events).toEqual([]);

      // The control: the same sort on a connection switched to temp_store = FILE is seen.
      const control = await runMigrationChild({
        MIGRATION_DIR: dataDir, MIGRATION_CHILD_MODE: 'control', SQLITE_TMPDIR: sqliteTmp,
        MIGRATION_KEY_JSON: JSON.stringify({ key: pending.key.toString('hex') }),
      });
      expect(control.code, control.stderr).toBe(0);
      await settle();
      expect(watched.events.length).toBeGreaterThan(0);
    } finally {
      watched.watcher.close();
    }
  }, 60_000);
});
