import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackendEvent } from '../../../shared/events';
import { AppError } from '../../../shared/errors';
import type { BackupInfo, BackupSettings } from '../../../shared/safetySchemas';
import { asDiskError } from '../diskErrors';
import { logEvent } from '../log';
import { recordAudit } from '../repositories/auditRepository';
import { rebuildSearchIndex } from '../search/searchIndex';
import { type FileOps, fileError, fsyncDir } from '../vault/fileOps';
import type { Vault } from '../vault/vault';
import { readBackupSettings, writeBackupSettings } from './backupSettings';
import { authenticateHeader, type BackupHeader, encodeHeader, readHeader } from './container';
import type { FolderPicker } from './folderPicker';
import { backupFileName, backupsToPrune, localDate, parseBackupName, stamp, vaultIdShort } from './naming';
import { runWorker, WorkerTaskError } from './worker';

export interface BackupServiceOptions {
  vault: Vault;
  fileOps: FileOps;
  folderPicker: FolderPicker;
  now: () => number;
  appVersion: string;
  nativeBinding?: string | undefined;
  /** Told about progress and outcome, so the renderer hears of them without asking. */
  onEvent?: (event: BackendEvent) => void;
}

export interface BackupRunResult { backup: BackupInfo; verified: true; pruned: number }

const SET_ASIDE = /^vault\.db\.before-restore-\d{8}-\d{6}(-\d+)?$/;

/**
 * Backups and restore of the unlocked vault. One operation at a time: a restore waits for a
 * running backup, and an automatic backup never overlaps one asked for.
 */
export class BackupService {
  private queue: Promise<unknown> = Promise.resolve();
  private background: Promise<void> = Promise.resolve();
  private restoring = false;

  constructor(private readonly options: BackupServiceOptions) {}

  private get vault(): Vault {
    return this.options.vault;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when an automatic backup started by `maybeAutoBackup` has finished (tests). */
  whenIdle(): Promise<void> {
    return this.background;
  }

  settings(): BackupSettings {
    return readBackupSettings(this.vault.database());
  }

  updateSettings(patch: { keep?: number | undefined; automatic?: boolean | undefined }): BackupSettings {
    return writeBackupSettings(this.vault.database(), patch);
  }

  async chooseFolder(): Promise<BackupSettings> {
    this.vault.database();
    const folder = await this.options.folderPicker.chooseFolder();
    if (folder === null) return this.settings();
    if (!(await isFolder(folder))) throw new AppError('BACKUP_FOLDER_MISSING');
    return writeBackupSettings(this.vault.database(), { folder });
  }

  /** The backup folder, which must be set and reachable. */
  private async folder(): Promise<string> {
    const { folder } = this.settings();
    if (!folder) throw new AppError('BACKUP_FOLDER_UNSET');
    if (!(await isFolder(folder))) throw new AppError('BACKUP_FOLDER_MISSING');
    return folder;
  }

  /** Called after every unlock: the first unlock of a (local) day makes a backup, in the background. */
  maybeAutoBackup(): void {
    if (this.restoring || !this.vault.isUnlocked) return;
    let settings: BackupSettings;
    try {
      settings = this.settings();
    } catch {
      return;
    }
    if (!settings.automatic || !settings.folder) return;
    if (settings.lastBackupAt && localDate(Date.parse(settings.lastBackupAt)) === localDate(this.options.now())) return;
    this.background = this.run(undefined, true).then(
      () => logEvent('backup.auto_made'),
      (error: unknown) => logEvent('backup.auto_failed', { code: error instanceof AppError ? error.code : 'INTERNAL' }),
    );
  }

  run(onProgress?: (bytesWritten: number) => void, automatic = false): Promise<BackupRunResult> {
    const emit = this.options.onEvent ?? (() => undefined);
    return this.exclusive(async () => {
      try {
        const result = await this.makeBackup((bytes) => {
          onProgress?.(bytes);
          emit({ name: 'backup:progress', payload: { bytesWritten: bytes } });
        });
        emit({ name: 'backup:finished', payload: { fileName: result.backup.fileName, automatic } });
        return result;
      } catch (error) {
        emit({ name: 'backup:failed', payload: { code: error instanceof AppError ? error.code : 'INTERNAL', automatic } });
        throw error;
      }
    });
  }

  private async makeBackup(onProgress?: (bytesWritten: number) => void): Promise<BackupRunResult> {
    const { keyFile, dataKey } = this.vault.keyMaterial();
    try {
      const folder = await this.folder();
      const settings = this.settings();
      const ops = this.options.fileOps;
      let createdMs = this.options.now();
      let fileName = backupFileName(keyFile.vaultId, createdMs);
      // Two backups within one second get the next free second in their name.
      while (await ops.exists(join(folder, fileName))) {
        createdMs += 1000;
        fileName = backupFileName(keyFile.vaultId, createdMs);
      }
      const target = join(folder, fileName);
      const payloadPath = join(folder, `.${fileName}.db-part`);
      const temp = join(folder, `.${fileName}.part`);
      const cleanup = async () => {
        for (const path of [payloadPath, temp]) await fsp.rm(path, { force: true }).catch(() => undefined);
      };

      const progress = onProgress ? setInterval(() => {
        fsp.stat(payloadPath).then((s) => onProgress(s.size), () => undefined);
      }, 200) : null;
      let copy;
      try {
        copy = await runWorker({ kind: 'backup', dbPath: this.vault.dbPath, payloadPath }, dataKey, this.options.nativeBinding);
      } catch (error) {
        await cleanup();
        throw await this.mapFailure(error, folder, 'BACKUP_VERIFY_FAILED');
      } finally {
        if (progress) clearInterval(progress);
      }
      if (copy.vaultId !== keyFile.vaultId) {
        await cleanup();
        throw new AppError('BACKUP_VERIFY_FAILED');
      }

      const createdAt = new Date(this.options.now()).toISOString();
      const header = encodeHeader({
        createdAt, appVersion: this.options.appVersion, vaultId: keyFile.vaultId, counts: copy.counts, keyFile,
        payloadLength: copy.length, payloadSha256: copy.sha256,
      }, dataKey);
      try {
        await ops.writeFileFrom(temp, header, payloadPath);
        await ops.fsyncFile(temp);
      } catch (error) {
        await cleanup();
        throw await this.mapFailure(error, folder, 'BACKUP_VERIFY_FAILED');
      }
      await fsp.rm(payloadPath, { force: true }).catch(() => undefined);

      // Verify what is on disk: the header parses and the payload's bytes are the verified copy's.
      try {
        const written = await readHeader(temp);
        authenticateHeader(written, dataKey);
        await runWorker({
          kind: 'check', containerPath: temp, offset: written.offset, length: written.meta.payloadLength, sha256: copy.sha256,
        }, dataKey, this.options.nativeBinding);
      } catch (error) {
        await cleanup();
        if (error instanceof AppError && error.code !== 'BACKUP_DAMAGED') throw error;
        throw await this.mapFailure(error, folder, 'BACKUP_VERIFY_FAILED');
      }
      try {
        await ops.rename(temp, target);
      } catch (error) {
        await cleanup();
        throw await this.mapFailure(error, folder, 'BACKUP_VERIFY_FAILED');
      }
      await fsyncDir(folder);

      const sizeBytes = header.length + copy.length;
      // The vault may have been locked meanwhile; the backup is still good.
      if (this.vault.isUnlocked) {
        const db = this.vault.database();
        writeBackupSettings(db, { lastBackupAt: createdAt });
        recordAudit(db, 'backup.made', { bytes: sizeBytes }, this.options.now);
      }
      const pruned = await this.prune(folder, keyFile.vaultId, settings.keep);
      return {
        backup: { fileName, createdAt, sizeBytes, counts: copy.counts, appVersion: this.options.appVersion },
        verified: true,
        pruned,
      };
    } finally {
      dataKey.fill(0);
    }
  }

  private async prune(folder: string, vaultId: string, keep: number): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(folder);
    } catch {
      return 0;
    }
    let pruned = 0;
    for (const name of backupsToPrune(names, vaultIdShort(vaultId), keep)) {
      try {
        await this.options.fileOps.unlink(join(folder, name));
        pruned += 1;
      } catch {
        /* left for the next time */
      }
    }
    return pruned;
  }

  /** Backups in the folder, newest first, from their headers only; unreadable ones are left out. */
  async list(): Promise<BackupInfo[]> {
    const folder = await this.folder();
    const names = (await fsp.readdir(folder)).filter((name) => parseBackupName(name));
    const out: { info: BackupInfo; stamp: string }[] = [];
    for (const name of names) {
      try {
        out.push({ info: toInfo(name, await readHeader(join(folder, name))), stamp: parseBackupName(name)!.stamp });
      } catch {
        /* damaged or unreadable: not offered */
      }
    }
    return out.sort((a, b) => (a.stamp < b.stamp ? 1 : a.stamp > b.stamp ? -1 : 0)).map((item) => item.info);
  }

  restore(fileName: string): Promise<{ restoredFrom: BackupInfo; setAside: string }> {
    return this.exclusive(() => this.doRestore(fileName));
  }

  private async doRestore(fileName: string): Promise<{ restoredFrom: BackupInfo; setAside: string }> {
    if (basename(fileName) !== fileName || !parseBackupName(fileName)) throw new AppError('NOT_FOUND');
    const { keyFile, dataKey } = this.vault.keyMaterial();
    const dataDir = dirname(this.vault.dbPath);
    const extracted = join(dataDir, `vault.db.restoring-${stamp(this.options.now())}`);
    try {
      const folder = await this.folder();
      const path = join(folder, fileName);
      const header = await readHeader(path);
      if (header.meta.vaultId !== keyFile.vaultId) throw new AppError('BACKUP_FOREIGN');
      // Nothing in the header is believed before this: BACKUP_FOREIGN for another key (also a
      // backup from before a key rotation), BACKUP_DAMAGED for a changed byte.
      authenticateHeader(header, dataKey);
      await fsp.rm(extracted, { force: true });
      let checked;
      try {
        checked = await runWorker({
          kind: 'check', containerPath: path, offset: header.offset, length: header.meta.payloadLength,
          sha256: header.meta.payloadSha256, extractTo: extracted, expectedCounts: header.meta.counts,
        }, dataKey, this.options.nativeBinding);
      } catch (error) {
        if (error instanceof WorkerTaskError) {
          // Intact bytes that do not open with this vault's key: another vault, or a backup from
          // before a key rotation (not supported yet).
          if (error.failure.verify === 'open') throw new AppError('BACKUP_FOREIGN');
          if (error.failure.verify || error.failure.damaged) throw new AppError('BACKUP_DAMAGED');
        }
        throw fileError(error);
      }
      if (checked.vaultId !== keyFile.vaultId) throw new AppError('BACKUP_FOREIGN');

      const carried = this.settings();
      const setAside = await this.freeSetAsideName(dataDir);
      await this.swapIn(extracted, setAside);
      const db = this.vault.database();
      writeBackupSettings(db, carried);
      // A backup carries its own index; rebuilt anyway so that it always matches the restored data.
      rebuildSearchIndex(db);
      recordAudit(db, 'backup.restored', {}, this.options.now);
      return { restoredFrom: toInfo(fileName, header), setAside };
    } finally {
      dataKey.fill(0);
      await fsp.rm(extracted, { force: true }).catch(() => undefined);
    }
  }

  /** Puts back a vault that a restore set aside; the current one is set aside in turn. */
  undoRestore(setAside: string): Promise<{ ok: true }> {
    return this.exclusive(async () => {
      if (!SET_ASIDE.test(setAside)) throw new AppError('NOT_FOUND');
      this.vault.database();
      const dataDir = dirname(this.vault.dbPath);
      const source = join(dataDir, setAside);
      if (!(await this.options.fileOps.exists(source))) throw new AppError('NOT_FOUND');
      const carried = this.settings();
      const aside = await this.freeSetAsideName(dataDir);
      await this.swapIn(source, aside);
      const db = this.vault.database();
      writeBackupSettings(db, carried);
      // A backup carries its own index; rebuilt anyway so that it always matches the restored data.
      rebuildSearchIndex(db);
      recordAudit(db, 'backup.restored', { undo: 1 }, this.options.now);
      return { ok: true as const };
    });
  }

  /**
   * Deletes the vaults that restores set aside. Called after an erasure: those copies still hold
   * the erased student, so keeping them would undo the erasure (the undo of a restore goes too).
   */
  async removeSetAside(): Promise<number> {
    const dataDir = dirname(this.vault.dbPath);
    const names = (await fsp.readdir(dataDir)).filter((name) => SET_ASIDE.test(name.replace(/-(wal|shm)$/, '')));
    for (const name of names) await fsp.rm(join(dataDir, name), { force: true });
    return names.filter((name) => SET_ASIDE.test(name)).length;
  }

  private async freeSetAsideName(dataDir: string): Promise<string> {
    const base = `vault.db.before-restore-${stamp(this.options.now())}`;
    let name = base;
    for (let n = 2; await this.options.fileOps.exists(join(dataDir, name)); n += 1) name = `${base}-${n}`;
    return name;
  }

  /**
   * Moves the live database (and any -wal/-shm) aside under `setAside` and `source` in its place,
   * then reopens; if the new one does not open, the set-aside one goes back.
   */
  private async swapIn(source: string, setAside: string): Promise<void> {
    const ops = this.options.fileOps;
    const live = this.vault.dbPath;
    const aside = join(dirname(live), setAside);
    const moved: [string, string][] = [];
    this.restoring = true;
    try {
      await this.vault.swapDatabaseFiles(async () => {
        for (const suffix of ['', '-wal', '-shm']) {
          if (await ops.exists(live + suffix)) {
            await ops.rename(live + suffix, aside + suffix);
            moved.push([live + suffix, aside + suffix]);
          }
        }
        await ops.rename(source, live);
        moved.push([source, live]);
      }, async () => {
        // Back out in reverse: the restored file back to where it came from, the old vault back in.
        for (const [from, to] of moved.reverse()) {
          if (from === source) await ops.rename(to, from).catch(() => ops.unlink(to));
          else await ops.rename(to, from);
        }
        for (const suffix of ['-wal', '-shm']) {
          if (!moved.some(([from]) => from === live + suffix)) await ops.unlink(live + suffix).catch(() => undefined);
        }
      });
    } catch (error) {
      if (error instanceof AppError && error.code !== 'INTERNAL') {
        throw error.code === 'VAULT_DAMAGED' || error.code === 'VAULT_FOREIGN' ? new AppError('BACKUP_DAMAGED') : error;
      }
      throw fileError(error);
    } finally {
      this.restoring = false;
    }
  }

  /** OS and SQLite failures of a backup, as the codes the mentor sees. */
  private async mapFailure(error: unknown, folder: string, verifyCode: 'BACKUP_VERIFY_FAILED'): Promise<AppError> {
    if (error instanceof AppError) return error;
    const full = asDiskError(error);
    if (full) return full;
    const code = error instanceof WorkerTaskError ? (error.failure.sqlite ?? error.failure.code ?? '') : String((error as { code?: unknown })?.code ?? '');
    if (!(await isFolder(folder))) return new AppError('BACKUP_FOLDER_MISSING', undefined, { cause: error });
    if (error instanceof WorkerTaskError && (error.failure.verify || error.failure.damaged)) return new AppError(verifyCode, undefined, { cause: error });
    logEvent('backup.failed', { code });
    return new AppError(verifyCode, undefined, { cause: error });
  }
}

function toInfo(fileName: string, header: BackupHeader): BackupInfo {
  return {
    fileName, createdAt: header.meta.createdAt, sizeBytes: header.fileSize, counts: header.meta.counts, appVersion: header.meta.appVersion,
  };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await fsp.stat(path)).isDirectory();
  } catch {
    return false;
  }
}
