import { AppError } from '../../shared/errors';

/**
 * The one place that decides whether a failure means "the disk is full", so that every path
 * (save, create, unlock, migration, backup, export, handover, key rotation) tells the mentor the
 * same thing: free some space, nothing was lost.
 *
 * Measured on a full tmpfs with better-sqlite3-multiple-ciphers 12.11 (tests/unit/core/diskFull.test.ts):
 * - `write`/`writeFile` on a full disk: ENOSPC (after first writing what still fit: a short write).
 * - SQLite statements, commits, VACUUM INTO and checkpoints: SQLITE_FULL.
 * - Opening a WAL-mode database whose `-shm` file has to be created or grown, with less than
 *   32 KB free: SQLITE_IOERR_SHMSIZE. SQLite documents it as "may indicate that the underlying
 *   filesystem volume is out of space"; in the unix VFS it comes from a failed write (or, rarely,
 *   fstat) while growing the shm file, so a full disk is by far its likeliest cause.
 * Not mapped: SQLITE_IOERR_WRITE. SQLite's unix VFS gives SQLITE_FULL for ENOSPC and
 * SQLITE_IOERR_WRITE for every other errno, EDQUOT included, and does not tell which; calling a
 * genuine I/O error (a failing USB stick) "disk full, nothing lost" would mislead.
 */
const DISK_FULL_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE']);

/** True for an OS or SQLite error code that means there is no room left. */
export function isDiskFullCode(code: unknown): boolean {
  return typeof code === 'string' && DISK_FULL_CODES.has(code);
}

/**
 * The error's codes: its own `.code`, and for a failure reported by a worker thread (which
 * crosses as a plain object, see backup/worker.ts) the `failure.code` / `failure.sqlite` it carries.
 */
function codesOf(error: unknown): unknown[] {
  if (typeof error !== 'object' || error === null) return [];
  const { code, failure } = error as { code?: unknown; failure?: { code?: unknown; sqlite?: unknown } };
  return [code, failure?.code, failure?.sqlite];
}

/**
 * AppError('DISK_FULL') when the error means a full disk (an AppError DISK_FULL is passed on as
 * it is), otherwise null so that the caller maps the rest as it sees fit.
 */
export function asDiskError(error: unknown): AppError | null {
  if (error instanceof AppError) return error.code === 'DISK_FULL' ? error : null;
  return codesOf(error).some(isDiskFullCode) ? new AppError('DISK_FULL', undefined, { cause: error }) : null;
}

/** Throws DISK_FULL for a full disk, and the error itself otherwise; for `catch` blocks that only add this mapping. */
export function rethrowDiskError(error: unknown): never {
  throw asDiskError(error) ?? error;
}
