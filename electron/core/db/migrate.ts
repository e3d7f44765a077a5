import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest schema. Each step runs in its own transaction together
 * with its version bump, so a crash leaves the vault at a whole version. A vault written by a
 * newer app is refused untouched.
 */
export function migrate(db: Database): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > LATEST_SCHEMA_VERSION) {
    throw new AppError('VAULT_TOO_NEW', { found: from, supported: LATEST_SCHEMA_VERSION });
  }
  for (let version = from; version < LATEST_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version]!;
    db.transaction(() => {
      if (step.sql) db.exec(step.sql);
      step.up?.(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return { from, to: LATEST_SCHEMA_VERSION };
}
