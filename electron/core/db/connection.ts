import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppError } from '../../../shared/errors';
import { asDiskError } from '../diskErrors';
import { registerSearchFunctions } from '../search/searchFold';

export type Db = BetterSqlite3.Database;
type Driver = typeof BetterSqlite3;

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** 32-byte data key; null opens an unencrypted database (tests that scan raw pages). */
  key: Buffer | null;
  /** Path to a native addon built for the running runtime (Electron). */
  nativeBinding?: string | undefined;
  readonly?: boolean;
  /**
   * Absolute path of the SQLite module, for a worker thread started from an eval'd bundle: its
   * `require` resolves from the process's working folder, which may be anywhere (see jobs/).
   */
  modulePath?: string | undefined;
}

/**
 * Where the SQLite module is, resolved from this file (in the built app: from the bundle that
 * holds it), so that a worker thread can be told the path instead of searching for it.
 */
export function sqliteModulePath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
}

/**
 * The module is loaded here at first use, not imported: this file is also bundled into job
 * workers, whose bundles must not `require` the native module by name (they are eval'd, see
 * above), and this function is the only place that may construct a connection
 * (tests/unit/core/oneOpener.test.ts fails on any other `new Database`).
 */
function driver(modulePath: string | undefined): Driver {
  const path = modulePath ?? sqliteModulePath();
  return createRequire(path)(path) as Driver;
}

/** True when the file starts with the plain SQLite header, i.e. is not encrypted. */
export function hasPlainHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    return read === 16 && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

function mapOpenError(error: unknown): AppError {
  // Opening a WAL database on a full disk fails with SQLITE_IOERR_SHMSIZE, not SQLITE_FULL.
  const full = asDiskError(error);
  if (full) return full;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return new AppError('VAULT_DAMAGED', undefined, { cause: error });
  if (code === 'SQLITE_CORRUPT') return new AppError('VAULT_DAMAGED', undefined, { cause: error });
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new AppError('DATA_DIR_NOT_WRITABLE', undefined, { cause: error });
  }
  return new AppError('INTERNAL', undefined, { cause: error });
}

/**
 * The one opener: every connection, in every process and worker, is made here. It opens a
 * database, encrypted SQLCipher-v4-compatibly with a raw 32-byte key (no KDF per open: the key
 * is already random), and sets the pragmas every connection needs.
 * The first read proves the key; a wrong key or a damaged file fails here, not later.
 */
export function openDatabase(path: string, options: OpenOptions): Db {
  let db: Db | undefined;
  try {
    const Database = driver(options.modulePath);
    db = new Database(path, {
      nativeBinding: options.nativeBinding,
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    if (options.key) {
      if (options.key.length !== 32) throw new AppError('INTERNAL');
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma('legacy = 4');
      db.pragma(`key = "x'${options.key.toString('hex')}'"`);
    }
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros, so erased data does not linger in free pages.
    db.pragma('secure_delete = ON');
    // Sorter runs, index builds and VACUUM's copy stay in memory: SQLite's temp files are not
    // encrypted by the cipher, so on disk they would hold plaintext (issue 14).
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    // The search index's triggers call search_fold() on every write that feeds them (migration 0008).
    registerSearchFunctions(db);
    return db;
  } catch (error) {
    db?.close();
    throw error instanceof AppError ? error : mapOpenError(error);
  }
}
