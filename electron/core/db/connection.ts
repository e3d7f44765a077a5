import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../../shared/errors';

export type Db = Database.Database;

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** 32-byte data key; null opens an unencrypted database (tests that scan raw pages). */
  key: Buffer | null;
  /** Path to a native addon built for the running runtime (Electron). */
  nativeBinding?: string | undefined;
  readonly?: boolean;
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
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return new AppError('VAULT_DAMAGED', undefined, { cause: error });
  if (code === 'SQLITE_CORRUPT') return new AppError('VAULT_DAMAGED', undefined, { cause: error });
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new AppError('DATA_DIR_NOT_WRITABLE', undefined, { cause: error });
  }
  if (code === 'SQLITE_FULL') return new AppError('DISK_FULL', undefined, { cause: error });
  return new AppError('INTERNAL', undefined, { cause: error });
}

/**
 * Opens a database, encrypted SQLCipher-v4-compatibly with a raw 32-byte key (no KDF per
 * open: the key is already random), and sets the pragmas every connection needs.
 * The first read proves the key; a wrong key or a damaged file fails here, not later.
 */
export function openDatabase(path: string, options: OpenOptions): Db {
  let db: Db | undefined;
  try {
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
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db?.close();
    throw error instanceof AppError ? error : mapOpenError(error);
  }
}
