import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { openDatabase, type Db } from '../../db/connection';
import { migrate, type MigrationProgress } from '../../db/migrate';
import type { JobProgressMessage, JobReply } from '../limitedJob';

/**
 * Worker entry: brings the vault's schema to the latest version on a connection of its own, so
 * that a long step (0004 rebuilds the search index: 45 s at school scale) never holds the thread
 * that answers requests. Progress goes to the parent as it comes; each step commits with its
 * version bump, so a worker (or a whole process) killed midway leaves a whole version behind.
 */
export interface MigrateJobInput {
  dbPath: string;
  /** The raw data key, copied for this worker; zeroed here once the connection has it. */
  key: Uint8Array;
  nativeBinding: string | null;
  /** The SQLite module, resolved by the parent: an eval'd worker resolves from its cwd. */
  modulePath: string;
}

export interface MigrateJobResult { from: number; to: number }

function failure(error: unknown): JobReply {
  if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
  // SQLite's or the OS's own code goes along, so that the parent maps it as it maps the same
  // error on its own connection (a full disk, a damaged file).
  const code = (error as { code?: unknown })?.code;
  return { ok: false, error: { code: 'INTERNAL', ...(typeof code === 'string' ? { params: { cause: code } } : {}) } };
}

function run(input: MigrateJobInput): JobReply {
  const key = Buffer.from(input.key.buffer, input.key.byteOffset, input.key.byteLength);
  let db: Db | undefined;
  try {
    db = openDatabase(input.dbPath, { key, nativeBinding: input.nativeBinding ?? undefined, modulePath: input.modulePath });
    key.fill(0);
    const value: MigrateJobResult = migrate(db, {
      onProgress: (progress) => parentPort?.postMessage({ progress } satisfies JobProgressMessage<MigrationProgress>),
    });
    return { ok: true, value };
  } catch (error) {
    return failure(error);
  } finally {
    key.fill(0);
    db?.close();
  }
}

parentPort?.postMessage(run(workerData as MigrateJobInput));
