import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { passphraseStrength } from '../../../shared/passphraseStrength';
import type { PickedBackup } from '../../../shared/restoreSchemas';
import type { BackupInfo } from '../../../shared/safetySchemas';
import { type Db, openDatabase } from '../db/connection';
import { applyRemovalsAgain, NO_REMOVALS, type Removals, removalsIn } from '../erasure/erasure';
import { recordAudit } from '../repositories/auditRepository';
import { rebuildSearchIndex } from '../search/searchIndex';
import { type FileOps, fileError } from '../vault/fileOps';
import { type KeyFile, parseKeyFile, readKeyFile, wrapAad, writeKeyFile } from '../vault/keyFile';
import { unwrapWithPassphrase, unwrapWithRecoverySecret, wrapWithPassphrase } from '../vault/keyWrap';
import { parseRecoveryKey } from '../vault/recoveryKey';
import { PENDING_KEY_SUFFIX, type Vault } from '../vault/vault';
import { readBackupSettings, writeBackupSettings } from './backupSettings';
import { authenticateHeader, type BackupHeader, readHeader } from './container';
import { stamp } from './naming';
import { freeUnitName, keepOnlyUnit, setAsideKeyName } from './setAside';
import { runWorker, WorkerTaskError } from './worker';
import { isFolder } from './isFolder';

export type RestoreSecret =
  | { method: 'passphrase'; passphrase: string }
  | { method: 'recoveryKey'; recoveryKey: string; newPassphrase: string };

export interface FileRestoreOptions {
  vault: Vault;
  fileOps: FileOps;
  now: () => number;
  nativeBinding?: string | undefined;
}

interface Picked { token: string; path: string; header: BackupHeader; keyFile: KeyFile }

/**
 * Restoring a backup file as this computer's vault: on a new computer (no vault yet), or in
 * place of the vault that is here (another vault, or this one from another time), which is then
 * set aside rather than deleted. The backup opens with its own key file, so with the passphrase
 * or recovery key that held when it was made; nothing of the vault here is needed, and nothing
 * of it is touched until the backup has been verified in full.
 *
 * Wrong passphrases for a backup file are not throttled like unlocking: whoever holds the file
 * can try passphrases against it offline anyway, at the cost scrypt sets per try.
 */
export class FileRestore {
  private picked: Picked | null = null;

  constructor(private readonly options: FileRestoreOptions) {}

  private get vault(): Vault {
    return this.options.vault;
  }

  private get dataDir(): string {
    return dirname(this.vault.dbPath);
  }

  /** Reads a chosen file's header and keeps it (only the latest pick) for `restore`. */
  async pick(path: string): Promise<PickedBackup> {
    const { header, keyFile } = await readBackup(path);
    const here = await this.localVaultId();
    const token = randomUUID();
    this.picked = { token, path, header, keyFile };
    return {
      ...toInfo(basename(path), header),
      token,
      effect: (await this.vault.exists()) ? 'replaces' : 'fresh',
      sameVault: here === header.meta.vaultId,
    };
  }

  /** The vault id of the vault here, from its key file (plain JSON), without unlocking it. */
  private async localVaultId(): Promise<string | null> {
    if (this.vault.isUnlocked) {
      const { keyFile, dataKey } = this.vault.keyMaterial();
      dataKey.fill(0);
      return keyFile.vaultId;
    }
    try {
      return (await readKeyFile(this.options.fileOps, this.vault.keyPath)).vaultId;
    } catch {
      return null;
    }
  }

  async restore(token: string, secret: RestoreSecret, replaceCurrent: boolean, language: 'nl' | 'en'): Promise<{ restoredFrom: BackupInfo; setAside: string | null; reErased: number }> {
    const picked = this.picked;
    if (!picked || picked.token !== token) throw new AppError('BACKUP_FILE_NOT_CHOSEN');
    const exists = await this.vault.exists();
    if (exists && !replaceCurrent) throw new AppError('RESTORE_REPLACE_UNCONFIRMED');
    if (secret.method === 'recoveryKey' && !passphraseStrength(secret.newPassphrase, language).acceptable) throw new AppError('WEAK_PASSPHRASE');

    // The file may have been replaced since it was picked: what is restored is what was shown.
    const { header, keyFile } = await readBackup(picked.path);
    if (header.meta.payloadSha256 !== picked.header.meta.payloadSha256) throw new AppError('BACKUP_FILE_NOT_CHOSEN');

    const dataKey = await unwrap(keyFile, secret);
    try {
      // Nothing in the header (date, counts, the payload's hash) is believed before this (ADR
      // 0008). The key came out of this very header's key file, so a key that is not the
      // backup's means the key file was swapped: damage, not another vault.
      authenticateHeader(header, dataKey);
    } catch (error) {
      dataKey.fill(0);
      throw error instanceof AppError && error.code === 'BACKUP_FOREIGN' ? new AppError('BACKUP_DAMAGED') : error;
    }
    let adopted = false;
    const ops = this.options.fileOps;
    const dataDir = this.dataDir;
    const extracted = join(dataDir, `vault.db.restoring-${stamp(this.options.now())}`);
    try {
      try {
        await ops.mkdir(dataDir);
      } catch (error) {
        throw fileError(error);
      }
      await fsp.rm(extracted, { force: true });
      await this.extract(picked.path, header, dataKey, keyFile, extracted);

      // The restored vault keeps its own key file, without the device wrap: the OS keychain of
      // the computer that made the backup means nothing here. Who came in by recovery key sets
      // a new passphrase, as when unlocking that way.
      const installed: KeyFile = {
        ...keyFile,
        wraps: {
          passphrase: secret.method === 'recoveryKey'
            ? await wrapWithPassphrase(dataKey, secret.newPassphrase, wrapAad(keyFile.vaultId, 'passphrase'), this.vault.scryptParams)
            : keyFile.wraps.passphrase,
          recovery: keyFile.wraps.recovery,
        },
      };
      const setAside = exists ? await freeUnitName(dataDir, this.options.now()) : null;
      const { install, rollback } = this.plan(extracted, installed, setAside);
      // The erasures of the vault here reach the backup before it is shown (see openErasedList).
      const erased = await this.openErasedList(dataKey, keyFile.vaultId);
      let reErased = 0;
      try {
        await this.vault.replaceWithRestored({ keyFile: installed, dataKey }, install, rollback, (db) => {
          reErased = applyRemovalsAgain(db, erased, this.options.now);
        });
      } catch (error) {
        if (error instanceof AppError && (error.code === 'VAULT_DAMAGED' || error.code === 'VAULT_FOREIGN')) throw new AppError('BACKUP_DAMAGED', undefined, { cause: error });
        throw fileError(error);
      }
      adopted = true;

      const db = this.vault.database();
      // The backup folder of the computer that made it may not exist here; the folder the file
      // was picked from is where this mentor keeps backups now.
      const { folder } = readBackupSettings(db);
      if (!folder || !(await isFolder(folder))) writeBackupSettings(db, { folder: dirname(picked.path) });
      // A backup carries its own index; rebuilt anyway so that it always matches the restored data.
      rebuildSearchIndex(db);
      recordAudit(db, 'backup.restored', { fromFile: 1, ...(setAside ? { replaced: 1 } : {}) }, this.options.now);
      this.picked = null;
      // Only the copy this restore's undo needs stays (issue 13: they piled up unseen).
      await keepOnlyUnit(dataDir, setAside).catch(() => undefined);
      return { restoredFrom: toInfo(basename(picked.path), header), setAside, reErased };
    } finally {
      if (!adopted) dataKey.fill(0);
      await fsp.rm(extracted, { force: true }).catch(() => undefined);
    }
  }

  /**
   * The erased-student list (and revoked consents, see `Removals`) of the vault here. Applied whichever vault the backup is of: a
   * student handed over keeps their id, so another vault's backup can hold the same student.
   * Open: read from it. Locked (the restore screens run before unlock): the backup's key opens
   * it when it is the same vault under the same key, the usual case of "restore this vault's
   * backup" from the unlock screen; read read-only then. Otherwise (another key, another vault,
   * no vault, a vault too old to have the list) it cannot be read, and only the backup's own list
   * applies; the vault here is set aside whole, and its undo brings it back as it was.
   */
  private async openErasedList(dataKey: Buffer, backupVaultId: string): Promise<Removals> {
    if (this.vault.isUnlocked) return removalsIn(this.vault.database());
    if ((await this.localVaultId()) !== backupVaultId || !(await this.options.fileOps.exists(this.vault.dbPath))) return NO_REMOVALS;
    let db: Db | null = null;
    try {
      db = openDatabase(this.vault.dbPath, { key: dataKey, readonly: true, nativeBinding: this.options.nativeBinding });
      return removalsIn(db);
    } catch {
      return NO_REMOVALS;
    } finally {
      db?.close();
    }
  }

  /** Copies the payload out of the container while hashing it, then checks the copy in full. */
  private async extract(path: string, header: BackupHeader, dataKey: Buffer, keyFile: KeyFile, extracted: string): Promise<void> {
    let checked;
    try {
      checked = await runWorker({
        kind: 'check', containerPath: path, offset: header.offset, length: header.meta.payloadLength,
        sha256: header.meta.payloadSha256, extractTo: extracted, expectedCounts: header.meta.counts,
      }, dataKey, this.options.nativeBinding);
    } catch (error) {
      // The key came out of this very file's key file, so a payload it does not open was changed.
      if (error instanceof WorkerTaskError && (error.failure.verify || error.failure.damaged)) throw new AppError('BACKUP_DAMAGED');
      throw fileError(error);
    }
    if (checked.vaultId !== keyFile.vaultId) throw new AppError('BACKUP_DAMAGED');
  }

  /**
   * The file moves of a restore and their way back. With a vault here, its database (with
   * -wal/-shm), key file and any pending rotation key go aside under one name first; then the
   * restored database and its key file take their places.
   */
  private plan(extracted: string, installed: KeyFile, setAside: string | null): { install: () => Promise<void>; rollback: () => Promise<void> } {
    const ops = this.options.fileOps;
    const dataDir = this.dataDir;
    const live = this.vault.dbPath;
    const keyPath = this.vault.keyPath;
    const moved: [string, string][] = [];
    let placed = false;
    let keyWritten = false;
    const install = async () => {
      if (setAside) {
        const aside = join(dataDir, setAside);
        const keyAside = join(dataDir, setAsideKeyName(setAside));
        const moves: [string, string][] = [
          [live, aside], [`${live}-wal`, `${aside}-wal`], [`${live}-shm`, `${aside}-shm`],
          [keyPath, keyAside], [keyPath + PENDING_KEY_SUFFIX, keyAside + PENDING_KEY_SUFFIX],
        ];
        for (const [from, to] of moves) {
          if (!(await ops.exists(from))) continue;
          await ops.rename(from, to);
          moved.push([from, to]);
        }
      }
      await ops.rename(extracted, live);
      placed = true;
      // Database first, key file last, as when creating: the vault exists once its key file does.
      await writeKeyFile(ops, keyPath, installed);
      keyWritten = true;
    };
    const rollback = async () => {
      if (keyWritten) await ops.unlink(keyPath);
      if (placed) {
        await ops.rename(live, extracted).catch(() => ops.unlink(live));
        for (const suffix of ['-wal', '-shm']) await ops.unlink(live + suffix).catch(() => undefined);
      }
      for (const [from, to] of moved.reverse()) await ops.rename(to, from);
    };
    return { install, rollback };
  }
}

/** A backup's header and the key file it carries, checked; BACKUP_DAMAGED when either is not right. */
export async function readBackup(path: string): Promise<{ header: BackupHeader; keyFile: KeyFile }> {
  const header = await readHeader(path);
  let keyFile: KeyFile;
  try {
    keyFile = parseKeyFile(header.meta.keyFile);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VAULT_TOO_NEW') throw error;
    throw new AppError('BACKUP_DAMAGED', undefined, { cause: error });
  }
  if (keyFile.vaultId !== header.meta.vaultId) throw new AppError('BACKUP_DAMAGED');
  return { header, keyFile };
}

/** The data key from a backup's own key file, with the secret of its time. */
async function unwrap(keyFile: KeyFile, secret: RestoreSecret): Promise<Buffer> {
  if (secret.method === 'passphrase') {
    const key = await unwrapWithPassphrase(keyFile.wraps.passphrase, secret.passphrase, wrapAad(keyFile.vaultId, 'passphrase'));
    if (!key) throw new AppError('BACKUP_WRONG_PASSPHRASE');
    return key;
  }
  const parsed = parseRecoveryKey(secret.recoveryKey);
  const key = parsed ? await unwrapWithRecoverySecret(keyFile.wraps.recovery, parsed, wrapAad(keyFile.vaultId, 'recovery')) : null;
  if (!key) throw new AppError('BACKUP_WRONG_RECOVERY_KEY');
  return key;
}

export function toInfo(fileName: string, header: BackupHeader): BackupInfo {
  return {
    fileName, createdAt: header.meta.createdAt, sizeBytes: header.fileSize, counts: header.meta.counts, appVersion: header.meta.appVersion,
  };
}

