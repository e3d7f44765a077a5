import { AppError } from '../../../shared/errors';
import type { MigrateJobInput, MigrateJobResult } from '../jobs/entries/migrate';
import { runJob } from '../jobs/limitedJob';
import { sqliteModulePath } from './connection';
import type { MigrationProgress } from './migrate';

export interface MigrateInWorkerOptions {
  nativeBinding?: string | undefined;
  onProgress?: (progress: MigrationProgress) => void;
}

/**
 * Runs the pending migrations of the database at `dbPath` in the 'migrate' job (a worker thread
 * with its own connection from the one opener), reporting progress; resolves once every step has
 * committed. The caller's own connection may stay open meanwhile (WAL): it sees the new schema
 * at its next statement.
 *
 * A failure inside the worker comes back as the same AppError, or, for SQLite's and the OS's
 * own errors, as an Error with the same `code`, so that the caller maps it exactly as it would
 * had the migration run on its own connection.
 */
export async function migrateInWorker(dbPath: string, key: Buffer, options: MigrateInWorkerOptions = {}): Promise<MigrateJobResult> {
  // Its own 32-byte copy (a Buffer may be a view into a shared pool, which would be cloned
  // whole), zeroed once the worker has been handed its clone.
  const copy = new Uint8Array(key);
  const input: MigrateJobInput = { dbPath, key: copy, nativeBinding: options.nativeBinding ?? null, modulePath: sqliteModulePath() };
  const running = runJob<MigrateJobResult, MigrationProgress>('migrate', input, {
    // Generous: the rebuild holds one document at a time, and a cap must never stop a migration.
    maxHeapMb: 2048,
    outOfMemoryCode: 'INTERNAL',
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  copy.fill(0);
  try {
    return await running;
  } catch (error) {
    const cause = error instanceof AppError && error.code === 'INTERNAL' ? error.params?.cause : undefined;
    if (typeof cause === 'string') throw Object.assign(new Error(`migration failed: ${cause}`), { code: cause, cause: error });
    throw error;
  }
}
