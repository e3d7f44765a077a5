import { randomBytes, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { passphraseStrength } from '../../../shared/passphraseStrength';
import { hasPlainHeader, openDatabase, type Db } from '../db/connection';
import { migrate, type MigrationProgress, schemaVersion } from '../db/migrate';
import { migrateInWorker } from '../db/migrateInWorker';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { asDiskError, rethrowDiskError } from '../diskErrors';
import { logEvent } from '../log';
import { recordAudit } from '../repositories/auditRepository';
import type { DeviceKeyProtector } from './deviceProtector';
import { type FileOps, fileError, nodeFileOps } from './fileOps';
import { KEY_FILE_FORMAT, KEY_FILE_VERSION, type KeyFile, readKeyFile, wrapAad, writeKeyFile } from './keyFile';
import {
  admitScryptParams, SCRYPT_PARAMS, type ScryptParams, unwrapWithPassphrase, unwrapWithRecoverySecret,
  wrapWithPassphrase, wrapWithRecoverySecret,
} from './keyWrap';
import { formatRecoveryKey, newRecoverySecret, parseRecoveryKey } from './recoveryKey';
import { historyAfterRotation } from './keyHistory';
import { LockState } from './lockState';
import { UnlockThrottle } from './unlockThrottle';

export const VAULT_DB_FILE = 'vault.db';
export const VAULT_KEY_FILE = 'vault.key';
/**
 * A verified copy of the key file beside it (issue 14, docs/adr/0014-key-file-copy.md), written
 * after every change of the key file. A damaged `vault.key` is then not the end of the vault:
 * the unlock screen offers the copy, and a successful unlock with it repairs `vault.key`.
 */
export const VAULT_KEY_COPY_FILE = 'vault.key.copy';
export const THROTTLE_FILE = 'unlock-attempts.json';
/** The throttle's second copy: deleting one of the two files does not reset the count. */
export const THROTTLE_MIRROR_FILE = '.unlock-attempts';
/** A key file written for a key rotation that has not been completed (see Vault.rotateKey). */
export const PENDING_KEY_SUFFIX = '.next';

export interface VaultOptions {
  dataDir: string;
  appVersion: string;
  fileOps?: FileOps;
  now?: () => number;
  nativeBinding?: string | undefined;
  device?: DeviceKeyProtector | undefined;
  /** Tests lower the scrypt cost; the app never passes this. */
  scryptParams?: ScryptParams;
}

/** The recovery key as the mentor sees it, once; the secret's bytes are zeroed, the text is all that is left. */
function shownOnce(recoverySecret: Buffer): string {
  const text = formatRecoveryKey(recoverySecret);
  recoverySecret.fill(0);
  return text;
}

export type VaultListener = (event: 'unlocked' | 'locked') => void;
export type MigrationProgressListener = (progress: MigrationProgress) => void;

/**
 * Owns the data key and the open database. The data key exists only wrapped on disk and, while
 * unlocked, in this object; locking closes the database and forgets the key.
 */
export class Vault {
  readonly dbPath: string;
  readonly keyPath: string;
  readonly keyCopyPath: string;
  private readonly ops: FileOps;
  private readonly now: () => number;
  private readonly throttle: UnlockThrottle;
  /** The passphrase KDF cost for new wraps (a restore that sets a new passphrase uses it too). */
  readonly scryptParams: ScryptParams;
  private db: Db | null = null;
  /**
   * Opened while the disk was full (issue 13: "unlocking on a full disk works, read-only if it
   * must"): the mentor can read and export elsewhere; every write answers DISK_FULL until there
   * is room again. Cleared at the next successful write check (`diskFullAtUnlock` getter).
   */
  private openedOnFullDisk = false;
  /**
   * Which transition is under way, if any (lockState.ts): unlocks, creates and restores start
   * only from a settled state, so they wait for each other instead of interleaving.
   */
  private readonly lockState = new LockState();
  /**
   * A lock() that came while a transition was under way. It is never dropped: an unlock, a
   * create or a restore swap then ends locked instead of unlocked, and a key change is followed
   * by the lock as soon as it is over (see `lock`).
   */
  private lockRequested = false;
  private keyFile: KeyFile | null = null;
  private dataKey: Buffer | null = null;
  private readonly listeners = new Set<VaultListener>();
  private readonly migrationListeners = new Set<MigrationProgressListener>();
  /** The migration job in flight: a second unlock meanwhile waits for it instead of starting one. */
  private migrating: Promise<unknown> | null = null;

  constructor(private readonly options: VaultOptions) {
    this.dbPath = join(options.dataDir, VAULT_DB_FILE);
    this.keyPath = join(options.dataDir, VAULT_KEY_FILE);
    this.keyCopyPath = join(options.dataDir, VAULT_KEY_COPY_FILE);
    this.ops = options.fileOps ?? nodeFileOps;
    this.now = options.now ?? Date.now;
    this.throttle = new UnlockThrottle(this.ops, [join(options.dataDir, THROTTLE_FILE), join(options.dataDir, THROTTLE_MIRROR_FILE)], this.now);
    this.scryptParams = options.scryptParams ?? SCRYPT_PARAMS;
    // A cost lowered through this option (tests) must also be readable back from the files it
    // writes; key files never widen what is accepted (keyWrap.SCRYPT_LIMITS).
    if (options.scryptParams) admitScryptParams(options.scryptParams);
  }

  onChange(listener: VaultListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Hears how far the migrations of an unlock (or of a restored older backup) are, while the
   * unlock awaits them in a worker; returns the unsubscribe function.
   */
  onMigrationProgress(listener: MigrationProgressListener): () => void {
    this.migrationListeners.add(listener);
    return () => this.migrationListeners.delete(listener);
  }

  get isUnlocked(): boolean {
    return this.db !== null;
  }

  /**
   * Whether the open vault is still short of room since it was opened on a full disk. Tries the
   * unlock's audit row that could not be written then: once that succeeds there is room again.
   */
  recheckDiskFull(): boolean {
    if (!this.db || !this.openedOnFullDisk) return false;
    try {
      recordAudit(this.db, 'vault.unlocked', { method: 'after_full_disk' }, this.now);
      this.openedOnFullDisk = false;
    } catch (error) {
      if (!asDiskError(error)) throw error;
    }
    return this.openedOnFullDisk;
  }

  /** The open database; throws VAULT_LOCKED when there is none. */
  database(): Db {
    if (!this.db) throw new AppError('VAULT_LOCKED');
    return this.db;
  }

  async exists(): Promise<boolean> {
    return (await this.ops.exists(this.keyPath)) || (await this.ops.exists(this.dbPath));
  }

  async retryAfterMs(): Promise<number> {
    return this.throttle.retryAfterMs();
  }

  deviceUnlockAvailable(): boolean {
    return this.options.device?.isAvailable() ?? false;
  }

  async deviceUnlockEnabled(): Promise<boolean> {
    if (this.keyFile) return Boolean(this.keyFile.wraps.device);
    try {
      return Boolean((await readKeyFile(this.ops, this.keyPath)).wraps.device);
    } catch {
      return false;
    }
  }

  async create(passphrase: string, language: 'nl' | 'en' = 'nl'): Promise<{ recoveryKey: string }> {
    if (this.db) throw new AppError('VAULT_UNLOCKED');
    if (!passphraseStrength(passphrase, language).acceptable) throw new AppError('WEAK_PASSPHRASE');
    await this.lockState.whenSettled((state) => {
      if (state === 'unlocked') throw new AppError('VAULT_UNLOCKED');
      this.lockState.to('unlocking');
    });
    try {
      return await this.createUnlocking(passphrase);
    } finally {
      this.abandonUnlock();
    }
  }

  private async createUnlocking(passphrase: string): Promise<{ recoveryKey: string }> {
    if (await this.exists()) throw new AppError('VAULT_EXISTS');
    try {
      await this.ops.mkdir(this.options.dataDir);
    } catch (error) {
      throw fileError(error);
    }

    const vaultId = randomUUID();
    const dataKey = randomBytes(32);
    const recoverySecret = newRecoverySecret();
    const keyFile: KeyFile = {
      format: KEY_FILE_FORMAT,
      version: KEY_FILE_VERSION,
      vaultId,
      createdAt: new Date(this.now()).toISOString(),
      wraps: {
        passphrase: await wrapWithPassphrase(dataKey, passphrase, wrapAad(vaultId, 'passphrase'), this.scryptParams),
        recovery: await wrapWithRecoverySecret(dataKey, recoverySecret, wrapAad(vaultId, 'recovery')),
      },
    };

    // Database first, key file last: a vault only exists once its key file is written, and a
    // failed key-file write removes the half-made database so that creating can be retried.
    let db: Db | null = null;
    try {
      db = openDatabase(this.dbPath, { key: dataKey, nativeBinding: this.options.nativeBinding });
      migrate(db);
      db.prepare('INSERT INTO vault_meta (id, vault_id, created_at, app_version) VALUES (1, ?, ?, ?)')
        .run(vaultId, keyFile.createdAt, this.options.appVersion);
      recordAudit(db, 'vault.created', {}, this.now);
      await writeKeyFile(this.ops, this.keyPath, keyFile);
    } catch (error) {
      db?.close();
      await this.removeHalfMadeDatabase();
      // No vault came of it: neither key is needed any more.
      dataKey.fill(0);
      recoverySecret.fill(0);
      throw error instanceof AppError ? error : fileError(error);
    }
    await this.writeKeyCopy(keyFile);
    // Locked meanwhile, the vault still exists now, and its recovery key is shown all the same.
    this.finishOpen(db, keyFile, dataKey);
    return { recoveryKey: shownOnce(recoverySecret) };
  }

  /** With `fromCopy`, the key file's copy is used (the unlock screen offers it when `vault.key` is damaged). */
  async unlock(passphrase: string, fromCopy = false): Promise<void> {
    await this.guardedUnlock(async (keyFile) =>
      unwrapWithPassphrase(keyFile.wraps.passphrase, passphrase, wrapAad(keyFile.vaultId, 'passphrase')), 'WRONG_PASSPHRASE', 'passphrase', fromCopy);
  }

  /** Unlocks with the recovery key and sets a new passphrase, the usual way back in. */
  async unlockWithRecoveryKey(recoveryKey: string, newPassphrase: string, language: 'nl' | 'en' = 'nl', fromCopy = false): Promise<void> {
    // Unlocked, guardedUnlock checks nothing: the new passphrase would be set with any key.
    if (this.db) throw new AppError('VAULT_UNLOCKED');
    if (!passphraseStrength(newPassphrase, language).acceptable) throw new AppError('WEAK_PASSPHRASE');
    await this.guardedUnlock(async (keyFile) => {
      const secret = parseRecoveryKey(recoveryKey);
      if (!secret) return null;
      try {
        return await unwrapWithRecoverySecret(keyFile.wraps.recovery, secret, wrapAad(keyFile.vaultId, 'recovery'));
      } finally {
        secret.fill(0);
      }
    }, 'WRONG_RECOVERY_KEY', 'recovery', fromCopy);
    await this.changingKey(() => this.rewrapPassphrase(newPassphrase));
  }

  async unlockWithDevice(): Promise<void> {
    const device = this.options.device;
    if (!device?.isAvailable()) throw new AppError('DEVICE_UNLOCK_UNAVAILABLE');
    await this.guardedUnlock(async (keyFile) => {
      const wrap = keyFile.wraps.device;
      if (!wrap) throw new AppError('DEVICE_UNLOCK_UNAVAILABLE');
      try {
        const raw = await device.decrypt(Buffer.from(wrap.ciphertext, 'base64'));
        const key = Buffer.from(raw);
        raw.fill(0);
        if (key.length === 32) return key;
        key.fill(0);
        return null;
      } catch {
        return null;
      }
    }, 'DEVICE_UNLOCK_UNAVAILABLE', 'device');
  }

  /**
   * Device unlock on or off. On needs the passphrase, checked under the unlock throttle: someone
   * at an unlocked laptop must not be able to leave a way in that needs no secret at all (issue
   * 14). Both write an audit event (no secret in it).
   */
  async setDeviceUnlock(enabled: boolean, passphrase?: string): Promise<void> {
    this.requireUnlocked();
    const protector = enabled ? this.options.device : undefined;
    if (enabled) {
      if (!protector?.isAvailable()) throw new AppError('DEVICE_UNLOCK_UNAVAILABLE');
      if (passphrase === undefined) throw new AppError('WRONG_PASSPHRASE');
      await this.checkPassphrase(passphrase);
    }
    await this.changingKey(async () => {
      let device: KeyFile['wraps']['device'];
      if (protector) {
        const { dataKey } = this.requireUnlocked();
        device = { kdf: 'os', salt: '', iv: '', tag: '', ciphertext: Buffer.from(await protector.encrypt(dataKey)).toString('base64') };
      }
      const { keyFile } = this.requireUnlocked();
      await this.replaceKeyFile({ ...keyFile, wraps: { ...keyFile.wraps, device } });
      recordAudit(this.database(), enabled ? 'vault.device_unlock_enabled' : 'vault.device_unlock_disabled', {}, this.now);
    });
  }

  /** Re-wraps the same data key: the database itself is not re-encrypted. */
  async changePassphrase(currentPassphrase: string, newPassphrase: string, language: 'nl' | 'en' = 'nl'): Promise<void> {
    await this.checkPassphrase(currentPassphrase);
    if (!passphraseStrength(newPassphrase, language).acceptable) throw new AppError('WEAK_PASSPHRASE');
    await this.changingKey(() => this.rewrapPassphrase(newPassphrase));
  }

  /**
   * Runs a change of the key file (or, for a rotation, of the data key) as the `changingKey`
   * transition: it starts once nothing else is under way and the vault is unlocked, so two key
   * changes, or a key change and a restore, never work on the same key file at once. The
   * connection stays open meanwhile; a lock() that comes during it follows as soon as it is over.
   */
  private async changingKey<T>(change: () => Promise<T>): Promise<T> {
    await this.lockState.whenSettled((state) => {
      if (state !== 'unlocked') throw new AppError('VAULT_LOCKED');
      this.lockState.to('changingKey');
    });
    try {
      return await change();
    } finally {
      this.lockState.to('unlocked');
      if (this.lockRequested) {
        this.lockRequested = false;
        this.lock();
      }
    }
  }

  /**
   * Re-encrypts the database with a new data key and writes a new key file: the same
   * passphrase, a new recovery key (returned; the old one stops working), no device wrap.
   *
   * Order, so that the key file on disk always opens the database:
   * 1. the new key file is written beside the old one as `vault.key.next`;
   * 2. the WAL is emptied and left (SQLite3MC cannot rekey in WAL mode), `PRAGMA rekey`
   *    rewrites every page under the new key in one transaction, then back to WAL;
   * 3. a second connection opens the file with the new key: integrity_check and row counts;
   * 4. `vault.key.next` is renamed over `vault.key`.
   * A failure before the rekey commits removes `vault.key.next`; the old key still opens the
   * vault. A crash (or failed rename) after the rekey and before step 4 leaves both files: the
   * next unlock tries the old key, then the pending one, and promotes whichever opens the
   * database (`settlePendingRotation`). Left open: a crash inside the rekey itself, which is
   * rolled back from SQLite's hot journal on the next open (untested here).
   */
  async rotateKey(passphrase: string): Promise<{ recoveryKey: string }> {
    await this.checkPassphrase(passphrase);
    return this.changingKey(() => this.rotate(passphrase));
  }

  private async rotate(passphrase: string): Promise<{ recoveryKey: string }> {
    const { keyFile, dataKey } = this.requireUnlocked();

    const newKey = randomBytes(32);
    const recoverySecret = newRecoverySecret();
    const next: KeyFile = {
      ...keyFile,
      wraps: {
        passphrase: await wrapWithPassphrase(newKey, passphrase, wrapAad(keyFile.vaultId, 'passphrase'), this.scryptParams),
        recovery: await wrapWithRecoverySecret(newKey, recoverySecret, wrapAad(keyFile.vaultId, 'recovery')),
      },
      // The old key goes into the history, sealed under the new one, so that backups made
      // before this rotation still restore here (ADR 0007). Only the new key reaches it.
      previousKeys: await historyAfterRotation(keyFile, dataKey, newKey, new Date(this.now()).toISOString()),
    };
    const pendingPath = this.keyPath + PENDING_KEY_SUFFIX;
    await writeKeyFile(this.ops, pendingPath, next);
    // The last moment to give up cheaply: nothing is rekeyed yet. From the rekey on, the rotation
    // completes (its recovery key is the only one that works after it) and the lock follows.
    if (this.lockRequested) {
      await this.ops.unlink(pendingPath).catch(() => undefined);
      newKey.fill(0);
      recoverySecret.fill(0);
      throw new AppError('VAULT_LOCKED');
    }

    const db = this.database();
    const counts = rowCounts(db);
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
      await this.ops.unlink(pendingPath).catch(() => undefined);
      throw error instanceof AppError ? error : fileError(error);
    }
    db.pragma('journal_mode = WAL');

    // Verify with a connection of its own: the new key opens the file, and nothing was lost.
    let fresh: Db;
    try {
      fresh = await this.openExisting(next, newKey);
    } catch (error) {
      throw error instanceof AppError ? error : new AppError('VAULT_DAMAGED', undefined, { cause: error });
    }
    const integrity = fresh.pragma('integrity_check', { simple: true });
    const after = rowCounts(fresh);
    if (integrity !== 'ok' || JSON.stringify(after) !== JSON.stringify(counts)) {
      fresh.close();
      throw new AppError('VAULT_DAMAGED');
    }
    db.close();
    this.db = null;
    dataKey.fill(0);
    if (this.lockRequested) {
      // Nobody is to hear 'unlocked' for a connection that the lock closes in a moment.
      this.db = fresh;
      this.keyFile = next;
      this.dataKey = newKey;
    } else {
      this.adopt(fresh, next, newKey);
    }
    recordAudit(fresh, 'vault.key_rotated', {}, this.now);
    try {
      await this.ops.rename(pendingPath, this.keyPath);
    } catch (error) {
      // The database is under the new key; the next unlock promotes vault.key.next.
      throw fileError(error);
    }
    await this.writeKeyCopy(next);
    return { recoveryKey: shownOnce(recoverySecret) };
  }

  /**
   * Finishes or undoes a key rotation that was interrupted (see rotateKey): the key file that
   * opens the database stays as `vault.key`, the other goes.
   */
  private async settlePendingRotation(unwrap: (keyFile: KeyFile) => Promise<Buffer | null>): Promise<void> {
    const pendingPath = this.keyPath + PENDING_KEY_SUFFIX;
    if (!(await this.ops.exists(pendingPath))) return;
    if (this.db) return;
    // Only tells which key opens the file; the unlock that follows unwraps again.
    const opens = (key: Buffer | null): boolean => {
      if (!key) return false;
      try {
        openDatabase(this.dbPath, { key, nativeBinding: this.options.nativeBinding }).close();
        return true;
      } catch {
        return false;
      } finally {
        key.fill(0);
      }
    };
    let pending: KeyFile;
    try {
      pending = await readKeyFile(this.ops, pendingPath);
    } catch {
      await this.ops.unlink(pendingPath).catch(() => undefined);
      return;
    }
    const current = await readKeyFile(this.ops, this.keyPath);
    // The old key first: if the rekey never committed, it opens the database.
    if (opens(await unwrap(current))) {
      await this.ops.unlink(pendingPath).catch(() => undefined);
      return;
    }
    if (opens(await unwrap(pending))) await this.ops.rename(pendingPath, this.keyPath).catch(() => undefined);
  }

  /** For backups: a copy of the data key (the caller zeroes it) and the key file, while unlocked. */
  keyMaterial(): { dataKey: Buffer; keyFile: KeyFile } {
    const { keyFile, dataKey } = this.requireUnlocked();
    return { dataKey: Buffer.from(dataKey), keyFile };
  }

  /**
   * For restoring a backup: empties the WAL into the database file, closes it (listeners hear
   * 'locked'), lets `swap` replace the files, and reopens with the key it holds ('unlocked').
   * If `swap` or the reopen fails, `undo` puts the old files back and those are reopened; the
   * error is rethrown. If even that fails, the vault ends locked (the key is forgotten).
   * `prepare` runs on the reopened database before anyone hears 'unlocked' or a request gets
   * through (a restore erases erased students again there); if it throws, the swap is undone.
   */
  async swapDatabaseFiles(swap: () => Promise<void>, undo: () => Promise<void>, prepare?: (db: Db) => void): Promise<void> {
    // Waits for an unlock, a key change or another swap under way, then needs the vault open.
    await this.lockState.whenSettled((state) => {
      if (state !== 'unlocked') throw new AppError('VAULT_LOCKED');
      this.lockState.to('swapping');
    });
    await this.swapFiles(swap, undo, prepare);
  }

  /**
   * Resolves once no file swap is in progress. The backend waits on it before every request, so
   * no caller (the status poll included) ever sees the vault closed for the moment of a restore.
   */
  async settled(): Promise<void> {
    await this.lockState.whenNot('swapping');
  }

  private async swapFiles(swap: () => Promise<void>, undo: () => Promise<void>, prepare?: (db: Db) => void): Promise<void> {
    const { keyFile, dataKey } = this.requireUnlocked();
    const db = this.database();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    this.db = null;
    for (const listener of this.listeners) listener('locked');
    const reopen = async () => {
      const next = await this.openExisting(keyFile, dataKey);
      try {
        prepare?.(next);
      } catch (error) {
        next.close();
        throw error;
      }
      // A lock() meanwhile: the swapped files stay (prepare ran on them), the vault ends locked.
      this.finishOpen(next, keyFile, dataKey);
    };
    try {
      await swap();
      await reopen();
    } catch (error) {
      try {
        await undo();
        await reopen();
      } catch {
        this.dataKey?.fill(0);
        this.dataKey = null;
        this.keyFile = null;
        this.endSwapLocked();
      }
      throw error;
    }
  }

  /**
   * For restoring a backup file (restoreFromFile.ts): this computer's vault, if any, is closed
   * (listeners hear 'locked'), `install` sets its files aside and puts the restored database and
   * key file in place, and the restored database is opened with `next` and adopted ('unlocked').
   * If `install` or the opening fails, `rollback` puts the earlier files back and a vault that
   * was open is reopened with the key it held; the error is rethrown. Requests wait meanwhile
   * (see `settled`), as during `swapDatabaseFiles`, and `prepare` runs on the restored database
   * before it is adopted, as there.
   */
  async replaceWithRestored(next: { keyFile: KeyFile; dataKey: Buffer }, install: () => Promise<void>, rollback: () => Promise<void>, prepare?: (db: Db) => void): Promise<void> {
    // An unlock under way finishes first: its files are not moved under it (issue 12).
    await this.lockState.whenSettled(() => this.lockState.to('swapping'));
    await this.replaceVault(next, install, rollback, prepare);
  }

  private async replaceVault(next: { keyFile: KeyFile; dataKey: Buffer }, install: () => Promise<void>, rollback: () => Promise<void>, prepare?: (db: Db) => void): Promise<void> {
    const previous = this.db && this.keyFile && this.dataKey ? { keyFile: this.keyFile, dataKey: this.dataKey } : null;
    if (this.db) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
      this.db = null;
      this.keyFile = null;
      this.dataKey = null;
      for (const listener of this.listeners) listener('locked');
    }
    let db: Db;
    try {
      await install();
      db = await this.openExisting(next.keyFile, next.dataKey);
      try {
        prepare?.(db);
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      try {
        await rollback();
        if (previous) this.finishOpen(await this.openExisting(previous.keyFile, previous.dataKey), previous.keyFile, previous.dataKey);
      } catch {
        previous?.dataKey.fill(0);
      }
      this.endSwapLocked();
      throw error;
    }
    if (previous && previous.dataKey !== next.dataKey) previous.dataKey.fill(0);
    // The copy beside the key file follows the restored one (it held the replaced vault's).
    await this.writeKeyCopy(next.keyFile);
    this.finishOpen(db, next.keyFile, next.dataKey);
  }

  /**
   * Locks at once when the vault is open and nothing is under way. During an unlock, a create,
   * a migration or a restore swap, the lock is remembered and that transition ends locked (its
   * connection closed, its key zeroed); during a key change, the lock follows it. Either way no
   * lock() is lost, and none closes a connection that a transition is still working on.
   */
  lock(): void {
    const state = this.lockState.state;
    if (state === 'locked' || state === 'locking') return;
    if (state !== 'unlocked') {
      this.lockRequested = true;
      return;
    }
    this.lockState.to('locking');
    try {
      if (this.db) closeAsLocked(this.db, this.now);
    } finally {
      this.db = null;
      this.dataKey?.fill(0);
      this.dataKey = null;
      this.keyFile = null;
      this.lockState.to('locked');
      for (const listener of this.listeners) listener('locked');
    }
  }

  /**
   * The end of an unlock, a create or a swap: `db` is adopted and listeners hear 'unlocked',
   * unless lock() was called meanwhile; then `db` is closed as lock() closes it, the key is
   * zeroed and the vault ends locked (listeners heard nothing of it: it never was open to them).
   * Returns whether `db` was adopted.
   */
  private finishOpen(db: Db, keyFile: KeyFile, dataKey: Buffer): boolean {
    if (this.lockRequested) {
      this.lockRequested = false;
      try {
        closeAsLocked(db, this.now);
      } finally {
        dataKey.fill(0);
        this.dataKey = null;
        this.keyFile = null;
        this.lockState.to('locked');
      }
      return false;
    }
    this.lockState.to('unlocked');
    this.adopt(db, keyFile, dataKey);
    return true;
  }

  /** A swap that could open neither the new files nor the earlier ones ends locked. */
  private endSwapLocked(): void {
    if (!this.lockState.is('swapping')) return;
    this.lockRequested = false;
    this.lockState.to('locked');
  }

  /** Back to locked after a create or unlock that did not get to `finishOpen`; nothing otherwise. */
  private abandonUnlock(): void {
    if (!this.lockState.is('unlocking') && !this.lockState.is('migrating')) return;
    this.lockRequested = false;
    this.lockState.to('locked');
  }

  private requireUnlocked(): { keyFile: KeyFile; dataKey: Buffer } {
    if (!this.db || !this.keyFile || !this.dataKey) throw new AppError('VAULT_LOCKED');
    return { keyFile: this.keyFile, dataKey: this.dataKey };
  }

  private async rewrapPassphrase(newPassphrase: string): Promise<void> {
    const { keyFile, dataKey } = this.requireUnlocked();
    const passphrase = await wrapWithPassphrase(dataKey, newPassphrase, wrapAad(keyFile.vaultId, 'passphrase'), this.scryptParams);
    await this.replaceKeyFile({ ...keyFile, wraps: { ...keyFile.wraps, passphrase } });
    recordAudit(this.database(), 'vault.passphrase_changed', {}, this.now);
  }

  private async replaceKeyFile(next: KeyFile): Promise<void> {
    await writeKeyFile(this.ops, this.keyPath, next);
    this.keyFile = next;
    await this.writeKeyCopy(next);
  }

  /**
   * Writes the key file's copy (atomically) and verifies it: read back, parsed and checked like
   * the key file itself, and the same as `keyFile`. A copy that fails the check is removed
   * rather than kept wrong; a failure never fails the change itself (the key file is written).
   */
  private async writeKeyCopy(keyFile: KeyFile): Promise<boolean> {
    try {
      await writeKeyFile(this.ops, this.keyCopyPath, keyFile);
      const back = await readKeyFile(this.ops, this.keyCopyPath);
      if (JSON.stringify(back) === JSON.stringify(keyFile)) return true;
      logEvent('vault.key_copy_mismatch', {});
    } catch (error) {
      logEvent('vault.key_copy_failed', { code: String((error as { code?: unknown })?.code ?? '') });
    }
    await this.ops.unlink(this.keyCopyPath).catch(() => undefined);
    return false;
  }

  /** The copy, checked, or null when there is none that this vault could use. */
  private async readKeyCopy(): Promise<KeyFile | null> {
    try {
      return await readKeyFile(this.ops, this.keyCopyPath);
    } catch {
      return null;
    }
  }

  /**
   * The key file an unlock uses. A damaged one (or one that says a newer app wrote it while its
   * verified copy says otherwise, or one gone while the database is there) is KEYFILE_DAMAGED,
   * with `copy: 1` when the copy is intact and can be offered, `copy: 0` when not: never a wrong
   * passphrase, and never counted by the throttle (no secret was tried).
   */
  private async keyFileForUnlock(fromCopy: boolean): Promise<KeyFile> {
    if (fromCopy) {
      const copy = await this.readKeyCopy();
      if (!copy) throw new AppError('KEYFILE_DAMAGED', { copy: 0 });
      return copy;
    }
    try {
      return await readKeyFile(this.ops, this.keyPath);
    } catch (error) {
      const code = error instanceof AppError ? error.code : null;
      const databaseThere = code === 'VAULT_MISSING' && (await this.ops.exists(this.dbPath));
      if (code !== 'KEYFILE_DAMAGED' && code !== 'VAULT_TOO_NEW' && !databaseThere) throw error;
      const copy = await this.readKeyCopy();
      // Both written by a newer app: that is what it is.
      if (code === 'VAULT_TOO_NEW' && !copy) throw error;
      throw new AppError('KEYFILE_DAMAGED', { copy: copy ? 1 : 0 });
    }
  }

  /**
   * The current passphrase, checked under the same throttle as unlocking: someone at an unlocked
   * laptop must not be able to guess it through "change passphrase" or "new key" at full speed.
   */
  private checkPassphrase(passphrase: string): Promise<void> {
    return this.throttle.serialise(async () => {
      const wait = await this.throttle.retryAfterMs();
      if (wait > 0) throw new AppError('UNLOCK_THROTTLED', { seconds: Math.ceil(wait / 1000) });
      const { keyFile, dataKey } = this.requireUnlocked();
      const check = await unwrapWithPassphrase(keyFile.wraps.passphrase, passphrase, wrapAad(keyFile.vaultId, 'passphrase'));
      const matches = Boolean(check?.equals(dataKey));
      check?.fill(0);
      if (!matches) {
        await this.throttle.failed();
        throw new AppError('WRONG_PASSPHRASE');
      }
      await this.throttle.succeeded();
    });
  }

  private guardedUnlock(
    unwrap: (keyFile: KeyFile) => Promise<Buffer | null>,
    wrongCode: 'WRONG_PASSPHRASE' | 'WRONG_RECOVERY_KEY' | 'DEVICE_UNLOCK_UNAVAILABLE',
    method: string,
    fromCopy = false,
  ): Promise<void> {
    return this.throttle.serialise(() => this.unlockOnce(unwrap, wrongCode, method, fromCopy));
  }

  private async unlockOnce(
    unwrap: (keyFile: KeyFile) => Promise<Buffer | null>,
    wrongCode: 'WRONG_PASSPHRASE' | 'WRONG_RECOVERY_KEY' | 'DEVICE_UNLOCK_UNAVAILABLE',
    method: string,
    fromCopy: boolean,
  ): Promise<void> {
    const wait = await this.throttle.retryAfterMs();
    if (wait > 0) throw new AppError('UNLOCK_THROTTLED', { seconds: Math.ceil(wait / 1000) });
    // A create, a restore or a key change under way finishes first; this unlock then starts
    // from what it left (unlocked: the secret is only checked).
    const alreadyUnlocked = await this.lockState.whenSettled((state) => {
      if (state === 'unlocked') return true;
      this.lockState.to('unlocking');
      return false;
    });
    if (alreadyUnlocked) {
      const keyFile = await this.keyFileForUnlock(fromCopy);
      const dataKey = await unwrap(keyFile);
      if (!dataKey) {
        await this.throttle.failed();
        throw new AppError(wrongCode);
      }
      dataKey.fill(0);
      return;
    }
    try {
      await this.unlockUnlocking(unwrap, wrongCode, method, fromCopy);
    } finally {
      this.abandonUnlock();
    }
  }

  /** The unlock proper, in the `unlocking` (and `migrating`) state. */
  private async unlockUnlocking(
    unwrap: (keyFile: KeyFile) => Promise<Buffer | null>,
    wrongCode: 'WRONG_PASSPHRASE' | 'WRONG_RECOVERY_KEY' | 'DEVICE_UNLOCK_UNAVAILABLE',
    method: string,
    fromCopy: boolean,
  ): Promise<void> {
    if (!fromCopy) await this.settlePendingRotation(unwrap);
    const keyFile = await this.keyFileForUnlock(fromCopy);
    const dataKey = await unwrap(keyFile);
    if (!dataKey) {
      await this.throttle.failed();
      throw new AppError(wrongCode);
    }
    // Every way out below that does not adopt the key zeroes it: only the vault keeps one copy.
    let db: Db;
    try {
      db = await this.openExisting(keyFile, dataKey);
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    try {
      const failedBefore = await this.throttle.succeeded();
      if (failedBefore > 0) recordAudit(db, 'vault.unlock_failed', { count: failedBefore }, this.now);
      recordAudit(db, 'vault.unlocked', { method }, this.now);
      if (fromCopy) recordAudit(db, 'vault.key_file_repaired', {}, this.now);
    } catch (error) {
      // On a full disk the unlock's own audit row fails with SQLITE_FULL. Reading still works,
      // so the vault opens anyway — a mentor locked out of every transcript by a full disk is
      // worse than a missing audit row — and says so (VaultStatus.diskFull); every write then
      // answers DISK_FULL. Any other failure closes the connection rather than leave it unowned.
      if (!asDiskError(error)) {
        db.close();
        dataKey.fill(0);
        rethrowDiskError(error);
      }
      logEvent('vault.unlocked_on_full_disk', {});
      this.openedOnFullDisk = true;
      if (this.finishOpen(db, keyFile, dataKey)) return;
      this.openedOnFullDisk = false;
      throw new AppError('VAULT_LOCKED');
    }
    this.openedOnFullDisk = false;
    // The copy opened the vault: it becomes the key file again. An unlock with the key file
    // puts back a copy that is missing or out of date (a vault from before the copy existed).
    if (fromCopy) await writeKeyFile(this.ops, this.keyPath, keyFile).catch((error: unknown) => logEvent('vault.key_repair_failed', { code: String((error as { code?: unknown })?.code ?? '') }));
    else if (JSON.stringify(await this.readKeyCopy()) !== JSON.stringify(keyFile)) await this.writeKeyCopy(keyFile);
    // lock() came during the unlock: it wins, and the unlock says so.
    if (!this.finishOpen(db, keyFile, dataKey)) throw new AppError('VAULT_LOCKED');
  }

  private async openExisting(keyFile: KeyFile, dataKey: Buffer): Promise<Db> {
    if (!(await this.ops.exists(this.dbPath))) throw new AppError('VAULT_MISSING');
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
        if (meta !== keyFile.vaultId) throw new AppError('VAULT_FOREIGN');
      }
      // Pending steps run in a worker and are awaited, so the thread that answers requests stays
      // free during a long one; the call after it then finds nothing left to do.
      if (version < LATEST_SCHEMA_VERSION) {
        // A restore (swapping) or a rotation's check (changingKey) migrates in its own state.
        if (this.lockState.is('unlocking')) this.lockState.to('migrating');
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

  private migrateOffThread(dataKey: Buffer): Promise<unknown> {
    this.migrating ??= migrateInWorker(this.dbPath, dataKey, {
      nativeBinding: this.options.nativeBinding,
      onProgress: (progress) => {
        for (const listener of this.migrationListeners) listener(progress);
      },
    }).finally(() => {
      this.migrating = null;
    });
    return this.migrating;
  }

  private adopt(db: Db, keyFile: KeyFile, dataKey: Buffer): void {
    this.db = db;
    this.keyFile = keyFile;
    this.dataKey = dataKey;
    for (const listener of this.listeners) listener('unlocked');
  }

  private async removeHalfMadeDatabase(): Promise<void> {
    for (const suffix of ['', '-wal', '-shm']) {
      await this.ops.unlink(this.dbPath + suffix).catch(() => undefined);
    }
  }
}

/** Closes a connection as lock() does: the lock recorded if it can be (a full disk must not keep the vault open). */
function closeAsLocked(db: Db, now: () => number): void {
  try {
    recordAudit(db, 'vault.locked', {}, now);
  } catch {
    /* the lock itself still happens */
  }
  db.close();
}

/** Rows per table that holds the mentor's data, to compare a database before and after. */
function rowCounts(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of ['students', 'dialogues', 'annotations', 'agreements', 'amendments', 'placements', 'audit_events']) {
    counts[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  return counts;
}
