import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { isScrubPending, markScrubPending, runErasureScrub } from '../../../electron/core/erasure/scrubPending';
import { scrubInWorker } from '../../../electron/core/erasure/scrubInWorker';
import { makeUnlockedBackend } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const SECRET = 'Scrubquokka Vlinderdóttir';

describe('erasure scrub as a job (issue 12)', () => {
  it('leaves no byte of a deleted student in vault.db or its WAL, and clears the pending row last', () => {
    const path = join(tempDir(), 'plain.db');
    const db = openDatabase(path, { key: null });
    migrate(db);
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO students (id, display_name, school_type, created_at, updated_at) VALUES ('s1', ?, 'havo', ?, ?)`).run(SECRET, now, now);
    db.transaction(() => {
      db.prepare(`DELETE FROM students WHERE id = 's1'`).run();
      markScrubPending(db);
    }).immediate();
    expect(isScrubPending(db)).toBe(true);
    const stages: string[] = [];
    runErasureScrub(db, (stage) => stages.push(stage));
    expect(stages).toEqual(['optimized', 'vacuumed', 'done']);
    expect(isScrubPending(db)).toBe(false);
    const needle = Buffer.from(SECRET, 'utf8');
    for (const file of [path, `${path}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(needle)).toBe(false);
    }
    db.close();
  });

  it('runs in a worker on its own connection of the unlocked vault; the host connection sees the result', async () => {
    const { backend } = await makeUnlockedBackend();
    const db = backend.vault.database();
    markScrubPending(db);
    const stages: string[] = [];
    await scrubInWorker(backend.vault, undefined, (stage) => stages.push(stage));
    expect(stages).toContain('done');
    expect(isScrubPending(db)).toBe(false);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
