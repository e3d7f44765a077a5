import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * How far the migrations are, for the unlock screen. `done` and `total` count the step's own
 * work units (rows for per-row work such as 0004's rebuild, else 0 of 1 then 1 of 1); within a
 * step `done` never goes down. The last report of a step (`done === total`) comes after its
 * transaction has committed.
 */
export interface MigrationProgress {
  /** The migration's number, which is the user_version it brings the vault to. */
  migration: number;
  name: string;
  done: number;
  total: number;
  /** Which of the migrations pending at the start this is (1-based), and how many there are. */
  step: number;
  steps: number;
}

export interface MigrateOptions {
  /** Stop at this version instead of the latest; tests use it to make an older vault. */
  target?: number;
  onProgress?: (progress: MigrationProgress) => void;
}

/**
 * A step's `report(done, total)` passed on at most about a hundred times per step (and always
 * when its total changes), so that a per-row migration over 20,000 dialogues does not flood
 * the worker's message port while the bar still moves at least once a percent.
 */
function throttled(emit: (done: number, total: number) => void): (done: number, total: number) => void {
  let last = -1;
  let lastTotal = -1;
  return (done, total) => {
    // "All done" is said once, by migrate after the commit; a step that counts its last row
    // has not committed yet.
    if (done >= total) return;
    const stride = Math.max(1, Math.ceil(total / 100));
    if (total !== lastTotal || done - last >= stride) {
      last = done;
      lastTotal = total;
      emit(done, total);
    }
  };
}

/**
 * Brings the database to the latest schema. Each step runs in its own transaction together
 * with its version bump, so a crash (or a SIGKILL, see migrationKill.test.ts) leaves the vault at
 * a whole version that the next open continues from. The version is read again inside each
 * step's write transaction, so that two connections migrating the same file never run a step
 * twice. A vault written by a newer app is refused untouched.
 */
export function migrate(db: Database, options: MigrateOptions = {}): { from: number; to: number } {
  const target = options.target ?? LATEST_SCHEMA_VERSION;
  if (target > LATEST_SCHEMA_VERSION) throw new AppError('INTERNAL');
  const from = schemaVersion(db);
  if (from > LATEST_SCHEMA_VERSION) {
    throw new AppError('VAULT_TOO_NEW', { found: from, supported: LATEST_SCHEMA_VERSION });
  }
  const steps = Math.max(0, target - from);
  // Read outside a transaction first: an up-to-date vault (every unlock but the first after an
  // update) takes no write lock at all.
  while (schemaVersion(db) < target) {
    let ran: { version: number; total: number } | null = null;
    db.transaction(() => {
      const version = schemaVersion(db);
      if (version >= target) return;
      const migration = MIGRATIONS[version]!;
      const step = version - from + 1;
      const progress = (done: number, total: number) =>
        options.onProgress?.({ migration: version + 1, name: migration.name, done, total, step, steps });
      let total = 1;
      const emit = throttled(progress);
      const report = (done: number, stepTotal: number) => {
        total = stepTotal;
        emit(done, stepTotal);
      };
      report(0, 1);
      if (migration.sql) db.exec(migration.sql);
      migration.up?.(db, report);
      db.pragma(`user_version = ${version + 1}`);
      ran = { version, total };
    }).immediate();
    if (!ran) break;
    const { version, total } = ran as { version: number; total: number };
    // After the commit: only now is the step done. (A step with nothing to count says 1 of 1.)
    const end = Math.max(1, total);
    options.onProgress?.({ migration: version + 1, name: MIGRATIONS[version]!.name, done: end, total: end, step: version - from + 1, steps });
  }
  return { from, to: Math.max(from, target) };
}
