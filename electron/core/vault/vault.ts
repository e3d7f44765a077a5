import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { passphraseStrength } from '../../../shared/passphraseStrength';
import type { Db } from '../db/connection';
import type { MigrationProgress } from '../db/migrate';
import { recordAudit } from '../repositories/auditRepository';
import { DatabaseOpener, rekey, rowCounts, stillFull, writeUnlockRows } from './databaseOpener';
import type { DeviceKeyProtector } from './deviceProtector';
import { type FileOps, fileError, nodeFileOps } from './fileOps';
import { KEY_FILE_FORMAT, KEY_FILE_VERSION, type KeyFile, wrapAad } from './keyFile';
import {
  admitScryptParams, SCRYPT_PARAMS, type ScryptParams, unwrapWithPassphrase, unwrapWithRecoverySecret,
  wrapWithPassphrase, wrapWithRecoverySecret,
} from './keyWrap';
import { formatRecoveryKey, newRecoverySecret, parseRecoveryKey } from './recoveryKey';
import { historyAfterRotation } from './keyHistory';
import { KeyStore } from './keyStore';
import { LockState } from './lockState';
import { UnlockThrottle } from './unlockThrottle';

// The file names stay importable from here: callers need not know which part writes which file.
export { VAULT_DB_FILE } from './databaseOpener';
export { PENDING_KEY_SUFFIX, VAULT_KEY_COPY_FILE, VAULT_KEY_FILE } from './keyStore';
export const THROTTLE_FILE = 'unlock-attempts.json';
/** The throttle's second copy: deleting one of the two files does not reset the count. */
export const THROTTLE_MIRROR_FILE = '.unlock-attempts';

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
 * unlocked, in this object; locking closes the database and forgets the key. The files are the
 * parts' business: the key file and its copy `keyStore.ts`, the database `databaseOpener.ts`;
 * which transition may run when is `lockState.ts`'s.
 */
export class Vault {
  readonly dbPath: string;
  readonly keyPath: string;
  readonly keyCopyPath: string;
  private readonly ops: FileOps;
  private readonly keys: KeyStore;
  private readonly opener: DatabaseOpener;
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

  constructor(private readonly options: VaultOptions) {
    this.ops = options.fileOps ?? nodeFileOps;
    this.opener = new DatabaseOpener({
      dataDir: options.dataDir, ops: this.ops, nativeBinding: options.nativeBinding,
      onMigrationProgress: (progress) => {
        for (const listener of this.migrationListeners) listener(progress);
      },
    });
    this.keys = new KeyStore(this.ops, options.dataDir, this.opener.dbPath);
    this.dbPath = this.opener.dbPath;
    this.keyPath = this.keys.keyPath;
    this.keyCopyPath = this.keys.keyCopyPath;
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
    this.openedOnFullDisk = stillFull(this.db, this.now);
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
      return Boolean((await this.keys.read()).wraps.device);
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
      db = this.opener.create(dataKey, { vaultId, createdAt: keyFile.createdAt, appVersion: this.options.appVersion }, this.now);
      await this.keys.write(keyFile);
    } catch (error) {
      db?.close();
      await this.opener.removeHalfMade();
      // No vault came of it: neither key is needed any more.
      dataKey.fill(0);
      recoverySecret.fill(0);
      throw error instanceof AppError ? error : fileError(error);
    }
    await this.keys.writeCopy(keyFile);
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
    }
    await this.changingKey(async () => {
      if (passphrase !== undefined && enabled) await this.checkPassphrase(passphrase);
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
    await this.changingKey(async () => {
      await this.checkPassphrase(currentPassphrase);
      if (!passphraseStrength(newPassphrase, language).acceptable) throw new AppError('WEAK_PASSPHRASE');
      await this.rewrapPassphrase(newPassphrase);
    });
  }

  /**
   * Runs a change of the key file (or, for a rotation, of the data key) as the `changingKey`
   * transition: it starts once nothing else is under way and the vault is unlocked, so two key
   * changes, or a key change and a restore, never work on the same key file at once. The check
   * of the current passphrase runs inside it too: checked against a key that a rotation replaces
   * meanwhile, a right passphrase would fail (or a new one be wrapped around the old key). The
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
   * database (`KeyStore.settlePending`). Left open: a crash inside the rekey itself, which is
   * rolled back from SQLite's hot journal on the next open (untested here).
   */
  async rotateKey(passphrase: string): Promise<{ recoveryKey: string }> {
    return this.changingKey(async () => {
      await this.checkPassphrase(passphrase);
      return this.rotate(passphrase);
    });
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
    await this.keys.writePending(next);
    // The last moment to give up cheaply: nothing is rekeyed yet. From the rekey on, the rotation
    // completes (its recovery key is the only one that works after it) and the lock follows.
    if (this.lockRequested) {
      await this.keys.dropPending();
      newKey.fill(0);
      recoverySecret.fill(0);
      throw new AppError('VAULT_LOCKED');
    }

    const db = this.database();
    const counts = rowCounts(db);
    try {
      rekey(db, newKey);
    } catch (error) {
      await this.keys.dropPending();
      throw error;
    }
    const fresh = await this.opener.openRekeyed(next.vaultId, newKey, counts);
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
      await this.keys.promotePending();
    } catch (error) {
      // The database is under the new key; the next unlock promotes vault.key.next.
      throw fileError(error);
    }
    await this.keys.writeCopy(next);
    return { recoveryKey: shownOnce(recoverySecret) };
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
      const next = await this.opener.open(keyFile.vaultId, dataKey);
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
      db = await this.opener.open(next.keyFile.vaultId, next.dataKey);
      try {
        prepare?.(db);
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      try {
        await rollback();
        if (previous) this.finishOpen(await this.opener.open(previous.keyFile.vaultId, previous.dataKey), previous.keyFile, previous.dataKey);
      } catch {
        previous?.dataKey.fill(0);
      }
      this.endSwapLocked();
      throw error;
    }
    if (previous && previous.dataKey !== next.dataKey) previous.dataKey.fill(0);
    // The copy beside the key file follows the restored one (it held the replaced vault's).
    await this.keys.writeCopy(next.keyFile);
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
    await this.keys.write(next);
    this.keyFile = next;
    await this.keys.writeCopy(next);
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
      const keyFile = await this.keys.forUnlock(fromCopy);
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
    // A rotation cut off between its rekey and its last rename is finished or undone first.
    if (!fromCopy) await this.keys.settlePending(unwrap, (key) => this.opener.opens(key));
    const keyFile = await this.keys.forUnlock(fromCopy);
    const dataKey = await unwrap(keyFile);
    if (!dataKey) {
      await this.throttle.failed();
      throw new AppError(wrongCode);
    }
    // Every way out below that does not adopt the key zeroes it: only the vault keeps one copy.
    let db: Db;
    try {
      db = await this.opener.open(keyFile.vaultId, dataKey, () => this.lockState.to('migrating'));
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    let rows: 'written' | 'fullDisk';
    try {
      rows = await writeUnlockRows(db, async () => {
        const failedBefore = await this.throttle.succeeded();
        if (failedBefore > 0) recordAudit(db, 'vault.unlock_failed', { count: failedBefore }, this.now);
        recordAudit(db, 'vault.unlocked', { method }, this.now);
        if (fromCopy) recordAudit(db, 'vault.key_file_repaired', {}, this.now);
      });
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    if (rows === 'fullDisk') {
      // Opened read-only in effect (see writeUnlockRows); the key file is left as it is.
      this.openedOnFullDisk = true;
      if (this.finishOpen(db, keyFile, dataKey)) return;
      this.openedOnFullDisk = false;
      throw new AppError('VAULT_LOCKED');
    }
    this.openedOnFullDisk = false;
    await this.keys.afterUnlock(keyFile, fromCopy);
    // lock() came during the unlock: it wins, and the unlock says so.
    if (!this.finishOpen(db, keyFile, dataKey)) throw new AppError('VAULT_LOCKED');
  }

  private adopt(db: Db, keyFile: KeyFile, dataKey: Buffer): void {
    this.db = db;
    this.keyFile = keyFile;
    this.dataKey = dataKey;
    for (const listener of this.listeners) listener('unlocked');
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
