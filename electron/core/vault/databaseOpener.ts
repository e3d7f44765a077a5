import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { hasPlainHeader, openDatabase, type Db } from '../db/connection';
import { migrate, type MigrationProgress, schemaVersion } from '../db/migrate';
import { migrateInWorker } from '../db/migrateInWorker';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { asDiskError, rethrowDiskError } from '../diskErrors';
import { logEvent } from '../log';
import { recordAudit } from '../repositories/auditRepository';
import { type FileOps, fileError } from './fileOps';

export const VAULT_DB_FILE = 'vault.db';

export interface DatabaseOpenerOptions {
  dataDir: string;
  ops: FileOps;
  nativeBinding?: string | undefined;
  /** Hears how far the migrations of an open are (they run in a worker, see `open`). */
  onMigrationProgress: (progress: MigrationProgress) => void;
}

/**
 * Opens the vault's database with a data key: checks that the file is this vault's and not
 * newer than this app, brings its schema up to date in a worker, and makes a new one. Holds no
 * key; the Vault owns the connections it returns.
 */
export class DatabaseOpener {
  readonly dbPath: string;
  /** The migration job in flight: a second open meanwhile waits for it instead of starting one. */
  private migrating: Promise<unknown> | null = null;

  constructor(private readonly options: DatabaseOpenerOptions) {
    this.dbPath = join(options.dataDir, VAULT_DB_FILE);
  }

  /**
   * A new vault's database under `dataKey`, migrated, with its vault id and the creation in the
   * audit log. On a failure the connection is closed; the half-made file is the caller's to
   * remove (`removeHalfMade`), after it knows whether the key file got written.
   */
  create(dataKey: Buffer, meta: { vaultId: string; createdAt: string; appVersion: string }, now: () => number): Db {
    const db = openDatabase(this.dbPath, { key: dataKey, nativeBinding: this.options.nativeBinding });
    try {
      migrate(db);
      db.prepare('INSERT INTO vault_meta (id, vault_id, created_at, app_version) VALUES (1, ?, ?, ?)')
        .run(meta.vaultId, meta.createdAt, meta.appVersion);
      recordAudit(db, 'vault.created', {}, now);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async removeHalfMade(): Promise<void> {
    for (const suffix of ['', '-wal', '-shm']) {
      await this.options.ops.unlink(this.dbPath + suffix).catch(() => undefined);
    }
  }

  /** Whether `key` opens the database at all (which of two key files is the right one). */
  opens(key: Buffer): boolean {
    try {
      openDatabase(this.dbPath, { key, nativeBinding: this.options.nativeBinding }).close();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The existing database of vault `vaultId`, opened with `dataKey` and at the latest schema.
   * `onMigrating` is called once before pending migrations start (the unlock's `migrating` state).
   */
  async open(vaultId: string, dataKey: Buffer, onMigrating?: () => void): Promise<Db> {
    if (!(await this.options.ops.exists(this.dbPath))) throw new AppError('VAULT_MISSING');
    // An empty file would open as a new, empty database (and be written to): the vault is gone.
    if (statSync(this.dbPath).size === 0) throw new AppError('VAULT_DAMAGED');
    // An unencrypted SQLite file where the vault should be is never opened as the vault.
    if (hasPlainHeader(this.dbPath)) throw new AppError('VAULT_FOREIGN');
    const db = openDatabase(this.dbPath, { key: dataKey, nativeBinding: this.options.nativeBinding });
    try {
      const version = schemaVersion(db);
      if (version > LATEST_SCHEMA_VERSION) throw new AppError('VAULT_TOO_NEW', { found: version, supported: LATEST_SCHEMA_VERSION });
      if (version >= 1) {
        const meta = db.prepare('SELECT vault_id FROM vault_meta WHERE id = 1').pluck().get() as string | undefined;
        if (meta !== vaultId) throw new AppError('VAULT_FOREIGN');
      }
      // Pending steps run in a worker and are awaited, so the thread that answers requests stays
      // free during a long one; the call after it then finds nothing left to do.
      if (version < LATEST_SCHEMA_VERSION) {
        onMigrating?.();
        await this.migrateOffThread(dataKey);
      }
      migrate(db);
      return db;
    } catch (error) {
      db.close();
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') throw new AppError('VAULT_DAMAGED', undefined, { cause: error });
      throw fileError(error);
    }
  }

  /**
   * Step 3 of a rotation: a connection of its own under the new key, checked: the key opens
   * the file, integrity_check passes, and no row was lost (`counts` from before the rekey).
   * Any failure is VAULT_DAMAGED (or what the open names); the database is under the new key.
   */
  async openRekeyed(vaultId: string, newKey: Buffer, counts: Record<string, number>): Promise<Db> {
    let fresh: Db;
    try {
      fresh = await this.open(vaultId, newKey);
    } catch (error) {
      throw error instanceof AppError ? error : new AppError('VAULT_DAMAGED', undefined, { cause: error });
    }
    const integrity = fresh.pragma('integrity_check', { simple: true });
    const after = rowCounts(fresh);
    if (integrity !== 'ok' || JSON.stringify(after) !== JSON.stringify(counts)) {
      fresh.close();
      throw new AppError('VAULT_DAMAGED');
    }
    return fresh;
  }

  private migrateOffThread(dataKey: Buffer): Promise<unknown> {
    this.migrating ??= migrateInWorker(this.dbPath, dataKey, {
      nativeBinding: this.options.nativeBinding,
      onProgress: this.options.onMigrationProgress,
    }).finally(() => {
      this.migrating = null;
    });
    return this.migrating;
  }
}

/**
 * Runs an unlock's writes (its audit rows) on the just-opened `db`. On a full disk they fail
 * with SQLITE_FULL. Reading still works, so the vault opens anyway — a mentor locked out of
 * every transcript by a full disk is worse than a missing audit row — and says so
 * (VaultStatus.diskFull); every write then answers DISK_FULL: returns 'fullDisk'. Any other
 * failure closes the connection rather than leave it unowned, and is rethrown.
 */
export async function writeUnlockRows(db: Db, write: () => Promise<void>): Promise<'written' | 'fullDisk'> {
  try {
    await write();
    return 'written';
  } catch (error) {
    if (!asDiskError(error)) {
      db.close();
      rethrowDiskError(error);
    }
    logEvent('vault.unlocked_on_full_disk', {});
    return 'fullDisk';
  }
}

/**
 * Whether a vault opened on a full disk is still short of room. Tries the unlock's audit row
 * that could not be written then: once that succeeds there is room again.
 */
export function stillFull(db: Db, now: () => number): boolean {
  try {
    recordAudit(db, 'vault.unlocked', { method: 'after_full_disk' }, now);
    return false;
  } catch (error) {
    if (!asDiskError(error)) throw error;
    return true;
  }
}

/**
 * Step 2 of a rotation: the WAL is emptied and left (SQLite3MC cannot rekey in WAL mode),
 * `PRAGMA rekey` rewrites every page under `newKey` in one transaction, then back to WAL. If it
 * throws, nothing was rekeyed: the old key still opens the database.
 */
export function rekey(db: Db, newKey: Buffer): void {
  try {
    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (checkpoint?.busy) throw new AppError('INTERNAL');
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
  } catch (error) {
    try {
      db.pragma('journal_mode = WAL');
    } catch {
      /* the connection still works in rollback mode */
    }
    throw error instanceof AppError ? error : fileError(error);
  }
  db.pragma('journal_mode = WAL');
}

/** Rows per table that holds the mentor's data, to compare a database before and after. */
export function rowCounts(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of ['students', 'dialogues', 'annotations', 'agreements', 'amendments', 'placements', 'audit_events']) {
    counts[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  return counts;
}
