import { AppError } from '../../../shared/errors';
import { openDatabase, type Db } from '../db/connection';
import type { JobReply } from './limitedJob';

/** What a job that works on the vault itself receives: where it is and a copy of its key. */
export interface VaultJobInput {
  dbPath: string;
  /** The raw data key, copied for this worker; zeroed here once the connection has it. */
  key: Uint8Array;
  nativeBinding: string | null;
  /** The SQLite module, resolved by the parent: an eval'd worker resolves from its cwd. */
  modulePath: string;
}

/** A job's failure as a reply: AppErrors as they are, SQLite's or the OS's code along with INTERNAL. */
export function failureReply(error: unknown): JobReply {
  if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
  // The parent maps the code as it maps the same error on its own connection (a full disk, a
  // damaged file).
  const code = (error as { code?: unknown })?.code;
  return { ok: false, error: { code: 'INTERNAL', ...(typeof code === 'string' ? { params: { cause: code } } : {}) } };
}

/**
 * Opens the vault on a connection of the worker's own (through the one opener), runs `work`, and
 * closes it; the key copy is zeroed as soon as the connection holds it, and again at the end.
 */
export function withVaultConnection(input: VaultJobInput, work: (db: Db) => unknown): JobReply {
  const key = Buffer.from(input.key.buffer, input.key.byteOffset, input.key.byteLength);
  let db: Db | undefined;
  try {
    db = openDatabase(input.dbPath, { key, nativeBinding: input.nativeBinding ?? undefined, modulePath: input.modulePath });
    key.fill(0);
    return { ok: true, value: work(db) };
  } catch (error) {
    return failureReply(error);
  } finally {
    key.fill(0);
    db?.close();
  }
}
