import { copyFileSync, existsSync, promises as fsp, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackendEvent } from '../../../shared/events';
import { AppError } from '../../../shared/errors';
import type { ListedBackup, PickedBackup, SetAsideCopy } from '../../../shared/restoreSchemas';
import type { BackupInfo, BackupSettings } from '../../../shared/safetySchemas';
import { asDiskError } from '../diskErrors';
import { applyRemovalsAgain, removalsIn } from '../erasure/erasure';
import { logEvent } from '../log';
import type { Db } from '../db/connection';
import { recordAudit } from '../repositories/auditRepository';
import { retentionYears } from '../retention/retention';
import { rebuildSearchIndex } from '../search/searchIndex';
import { type FileOps, fileError, fsyncDir } from '../vault/fileOps';
import { type KeyFile, wrapAad, writeKeyFile } from '../vault/keyFile';
import { unwrapWithPassphrase, wrapWithPassphrase } from '../vault/keyWrap';
import { keyEra, keyForEra, knowsEra } from '../vault/keyHistory';
import { PENDING_KEY_SUFFIX, type Vault } from '../vault/vault';
import { readBackupSettings, writeBackupSettings } from './backupSettings';
import { authenticateHeader, type BackupHeader, encodeHeader, readHeader } from './container';
import type { FolderPicker } from './folderPicker';
import { backupFileName, backupsToPrune, DEFAULT_WEEKLY_WEEKS, type KeepRule, localDate, parseBackupName, stamp, vaultIdShort } from './naming';
import { missingOpenFilePicker, type OpenFilePicker } from './openFilePicker';
import { rekeyCopy } from './rekeyCopy';
import { FileRestore, type RestoreSecret, toInfo } from './restoreFromFile';
import { freeUnitName, keepOnlyUnit, listUnits, removeUnit, SET_ASIDE, setAsideKeyName, unitFiles } from './setAside';
import { runWorker, WorkerTaskError } from './worker';
import { isFolder } from './isFolder';

export interface BackupServiceOptions {
  vault: Vault;
  fileOps: FileOps;
  folderPicker: FolderPicker;
  /** Asks for a backup file to restore (an open dialog in the app). */
  openFilePicker?: OpenFilePicker | undefined;
  now: () => number;
  appVersion: string;
  nativeBinding?: string | undefined;
  /** Told about progress and outcome, so the renderer hears of them without asking. */
  onEvent?: (event: BackendEvent) => void;
}

export interface BackupRunResult { backup: BackupInfo; verified: true; pruned: number }

/**
 * Backups and restore of the unlocked vault. One operation at a time: a restore waits for a
 * running backup, and an automatic backup never overlaps one asked for.
 */
export class BackupService {
  private queue: Promise<unknown> = Promise.resolve();
  private background: Promise<void> = Promise.resolve();
  private restoring = false;
  private readonly files: FileRestore;
  /** The last backup this service made, and under which key (see backupAfterKeyChange). */
  private lastMade: { era: string; backup: BackupInfo } | null = null;

  constructor(private readonly options: BackupServiceOptions) {
    this.files = new FileRestore({ vault: options.vault, fileOps: options.fileOps, now: options.now, nativeBinding: options.nativeBinding });
  }

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
      const rule = this.keepRule();
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
      const pruned = await this.prune(folder, keyFile.vaultId, rule, fileName);
      const backup = { fileName, createdAt, sizeBytes, counts: copy.counts, appVersion: this.options.appVersion };
      this.lastMade = { era: keyEra(keyFile), backup };
      return { backup, verified: true, pruned };
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * The keeping rule of this vault: daily for as many days as the `keep` setting says (14 by
   * default), weekly for 8 weeks, monthly up to the school's retention period.
   */
  private keepRule(): KeepRule {
    const db = this.vault.database();
    return { dailyDays: readBackupSettings(db).keep, weeklyWeeks: DEFAULT_WEEKLY_WEEKS, retentionYears: retentionYears(db) };
  }

  private async prune(folder: string, vaultId: string, rule: KeepRule, justMade?: string): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(folder);
    } catch {
      return 0;
    }
    // The backup just made is the newest by its name in any case; listed here even if readdir
    // missed it, so that the rule never counts an older one as the newest.
    if (justMade && !names.includes(justMade)) names.push(justMade);
    let pruned = 0;
    for (const name of backupsToPrune(names, vaultIdShort(vaultId), this.options.now(), rule)) {
      try {
        await this.options.fileOps.unlink(join(folder, name));
        pruned += 1;
      } catch {
        /* left for the next time */
      }
    }
    return pruned;
  }

  /**
   * The retention timer's part (issue 14): applies the keeping rule to the backup folder without
   * making a backup, so that backups age out even on days without one. Called after unlock and
   * once a day while unlocked (Backend). Quiet: a missing folder or a locked vault prunes nothing.
   */
  pruneByRule(): Promise<number> {
    return this.exclusive(async () => {
      if (!this.vault.isUnlocked) return 0;
      const { folder } = this.settings();
      if (!folder || !(await isFolder(folder))) return 0;
      const { keyFile, dataKey } = this.vault.keyMaterial();
      dataKey.fill(0);
      return this.prune(folder, keyFile.vaultId, this.keepRule());
    });
  }

  /**
   * After an erasure (issue 14): every copy the app knows of still holds the student. The
   * set-aside vault copies go at once; then, when a backup folder is set, a fresh verified
   * backup is made (it no longer holds the student) and only after it verified every other
   * backup of this vault in the folder is deleted. Without a fresh backup the older ones stay,
   * since deleting them would leave the mentor without any backup; the result says why.
   * Copies elsewhere (another folder, a USB stick, a cloud copy) cannot be reached.
   */
  async afterErasure(): Promise<{ backup: BackupInfo | null; backupError: AppError['code'] | null; removedBackups: number; removedSetAside: number }> {
    const removedSetAside = await this.removeSetAside().catch(() => 0);
    let made: BackupRunResult;
    try {
      if (!this.settings().folder) return { backup: null, backupError: 'BACKUP_FOLDER_UNSET', removedBackups: 0, removedSetAside };
      made = await this.run();
    } catch (error) {
      return { backup: null, backupError: error instanceof AppError ? error.code : 'INTERNAL', removedBackups: 0, removedSetAside };
    }
    const removedBackups = await this.exclusive(async () => {
      const folder = await this.folder().catch(() => null);
      if (!folder) return 0;
      const { keyFile, dataKey } = this.vault.keyMaterial();
      dataKey.fill(0);
      const short = vaultIdShort(keyFile.vaultId);
      const names = await fsp.readdir(folder).catch(() => [] as string[]);
      let removed = 0;
      for (const name of names) {
        if (name === made.backup.fileName || parseBackupName(name)?.short !== short) continue;
        try {
          await this.options.fileOps.unlink(join(folder, name));
          removed += 1;
        } catch {
          /* a file that cannot be deleted stays; the count says how many did go */
        }
      }
      return removed;
    });
    return { backup: made.backup, backupError: null, removedBackups: removedBackups + made.pruned, removedSetAside };
  }

  /**
   * Backups in the folder from their headers only: this vault's first, each part newest first;
   * unreadable ones are left out. Each says whether it restores as it is (see BackupKeyStatus):
   * a backup from before a key rotation does when the vault keeps that key (ADR 0007).
   */
  async list(): Promise<ListedBackup[]> {
    const folder = await this.folder();
    const { keyFile, dataKey } = this.vault.keyMaterial();
    const names = (await fsp.readdir(folder)).filter((name) => parseBackupName(name));
    const out: { info: ListedBackup; stamp: string }[] = [];
    try {
      for (const name of names) {
        try {
          const header = await readHeader(join(folder, name));
          const status = keyStatus(keyFile, header);
          // Date, counts and vault id as the header's MAC proves them (issue 14): a renamed or
          // edited file of this vault shows what it really holds, or nothing.
          if (status === 'restorable') {
            const eraKey = await keyForEra(keyFile, dataKey, (header.meta.keyFile as KeyFile).wraps.recovery.ciphertext);
            try {
              if (!eraKey) continue;
              authenticateHeader(header, eraKey);
            } finally {
              eraKey?.fill(0);
            }
          }
          // Sorted by the header's own date, not the file name.
          out.push({ info: { ...toInfo(name, header), status }, stamp: header.meta.createdAt });
        } catch {
          /* damaged, unreadable or not authentic: not offered */
        }
      }
    } finally {
      dataKey.fill(0);
    }
    const rank = (item: { info: ListedBackup }) => (item.info.status === 'otherVault' ? 1 : 0);
    return out.sort((a, b) => rank(a) - rank(b) || (a.stamp < b.stamp ? 1 : a.stamp > b.stamp ? -1 : 0)).map((item) => item.info);
  }

  /**
   * Chooses a backup file to restore: through the open dialog, or with `fileName` one from the
   * backup folder (for a backup the list cannot restore as it is). Null when the mentor cancelled.
   */
  pickFile(fileName?: string): Promise<PickedBackup | null> {
    return this.exclusive(async () => {
      let path: string | null;
      if (fileName !== undefined) {
        if (basename(fileName) !== fileName || !parseBackupName(fileName)) throw new AppError('NOT_FOUND');
        path = join(await this.folder(), fileName);
      } else {
        path = await (this.options.openFilePicker ?? missingOpenFilePicker).choose('backup');
      }
      return path === null ? null : this.files.pick(path);
    });
  }

  /** Restores the picked backup file as this computer's vault (restoreFromFile.ts). */
  restoreFile(token: string, secret: RestoreSecret, replaceCurrent: boolean, language: 'nl' | 'en'): Promise<{ restoredFrom: BackupInfo; setAside: string | null; reErased: number }> {
    return this.exclusive(async () => {
      this.restoring = true;
      try {
        return await this.files.restore(token, secret, replaceCurrent, language);
      } finally {
        this.restoring = false;
      }
    });
  }

  /**
   * Right after the key changed, a verified backup under the new key: otherwise the newest
   * backup would need the old recovery key, and on a new computer the new one would open nothing.
   * Never fails the key change itself; says why there is no backup instead.
   */
  async backupAfterKeyChange(): Promise<{ backup: BackupInfo | null; backupError: AppError['code'] | null }> {
    try {
      if (!this.settings().folder) return { backup: null, backupError: 'BACKUP_FOLDER_UNSET' };
      // The rotation's reopening counts as an unlock and may have started the day's automatic
      // backup already, under the new key: that one is the backup asked for, not a second.
      await this.background;
      const { keyFile, dataKey } = this.vault.keyMaterial();
      dataKey.fill(0);
      if (this.lastMade?.era === keyEra(keyFile)) return { backup: this.lastMade.backup, backupError: null };
      return { backup: (await this.run()).backup, backupError: null };
    } catch (error) {
      return { backup: null, backupError: error instanceof AppError ? error.code : 'INTERNAL' };
    }
  }

  restore(fileName: string): Promise<{ restoredFrom: BackupInfo; setAside: string; reErased: number }> {
    return this.exclusive(() => this.doRestore(fileName));
  }

  private async doRestore(fileName: string): Promise<{ restoredFrom: BackupInfo; setAside: string; reErased: number }> {
    if (basename(fileName) !== fileName || !parseBackupName(fileName)) throw new AppError('NOT_FOUND');
    const { keyFile, dataKey } = this.vault.keyMaterial();
    const dataDir = dirname(this.vault.dbPath);
    const extracted = join(dataDir, `vault.db.restoring-${stamp(this.options.now())}`);
    let eraKey: Buffer | null = null;
    try {
      const folder = await this.folder();
      const path = join(folder, fileName);
      const header = await readHeader(path);
      const status = keyStatus(keyFile, header);
      if (status === 'otherVault') throw new AppError('BACKUP_FOREIGN');
      // The key the backup was made under: the current one, or an earlier one the vault keeps.
      eraKey = status === 'restorable' ? await keyForEra(keyFile, dataKey, keyEra(header.meta.keyFile)) : null;
      if (!eraKey) throw new AppError('BACKUP_NEEDS_OLDER_SECRET');
      // Nothing in the header is believed before this: BACKUP_FOREIGN for a key that is not the
      // backup's, BACKUP_DAMAGED for a changed byte (ADR 0008).
      authenticateHeader(header, eraKey);
      await fsp.rm(extracted, { force: true });
      let checked;
      try {
        checked = await runWorker({
          kind: 'check', containerPath: path, offset: header.offset, length: header.meta.payloadLength,
          sha256: header.meta.payloadSha256, extractTo: extracted, expectedCounts: header.meta.counts,
        }, eraKey, this.options.nativeBinding);
      } catch (error) {
        if (error instanceof WorkerTaskError) {
          // Intact bytes that do not open with the key their header names: not this vault's.
          if (error.failure.verify === 'open') throw new AppError('BACKUP_FOREIGN');
          if (error.failure.verify || error.failure.damaged) throw new AppError('BACKUP_DAMAGED');
        }
        throw fileError(error);
      }
      if (checked.vaultId !== keyFile.vaultId) throw new AppError('BACKUP_FOREIGN');
      // From before a key rotation: the copy joins the current key, so that the current
      // passphrase and recovery key open the restored vault and the old key stays retired.
      if (!eraKey.equals(dataKey)) await this.rekey(extracted, eraKey, dataKey);

      const carried = this.settings();
      // Students erased (and consents revoked) since that backup was made are erased (revoked)
      // again before anyone sees it.
      const erased = removalsIn(this.vault.database());
      let reErased = 0;
      const setAside = await freeUnitName(dataDir, this.options.now());
      await this.swapIn(extracted, setAside, keyFile, (db) => {
        reErased = applyRemovalsAgain(db, erased, this.options.now);
      });
      const db = this.vault.database();
      writeBackupSettings(db, carried);
      // A backup carries its own index; rebuilt anyway so that it always matches the restored data.
      rebuildSearchIndex(db);
      recordAudit(db, 'backup.restored', {}, this.options.now);
      // Only the copy this restore's undo needs stays (issue 13: they piled up unseen).
      await keepOnlyUnit(dataDir, setAside).catch(() => undefined);
      return { restoredFrom: toInfo(fileName, header), setAside, reErased };
    } finally {
      dataKey.fill(0);
      eraKey?.fill(0);
      await fsp.rm(extracted, { force: true }).catch(() => undefined);
    }
  }

  /**
   * Puts back the vault that a restore set aside; the current one is set aside in turn (and is
   * then the one copy kept). A copy under this vault's key, or under an earlier key it keeps, comes
   * back unlocked; another vault's copy (a restore that replaced it) comes back with its own key
   * file, and the vault is then locked until that vault's passphrase opens it.
   */
  undoRestore(setAside: string): Promise<{ ok: true; state: 'unlocked' | 'locked'; reErased: number }> {
    return this.exclusive(async () => {
      if (!SET_ASIDE.test(setAside)) throw new AppError('NOT_FOUND');
      const { keyFile, dataKey } = this.vault.keyMaterial();
      let eraKey: Buffer | null = null;
      try {
        const dataDir = dirname(this.vault.dbPath);
        const source = join(dataDir, setAside);
        if (!(await this.options.fileOps.exists(source))) throw new AppError('NOT_FOUND');
        const unit = (await listUnits(dataDir)).find((candidate) => candidate.name === setAside);
        // A copy from before key files were kept beside it was made under the key of its time,
        // which for every such copy was the vault's current one.
        const unitKey = unit?.keyFile ?? null;
        eraKey = unitKey === null ? Buffer.from(dataKey)
          : unitKey.vaultId === keyFile.vaultId ? await keyForEra(keyFile, dataKey, keyEra(unitKey)) : null;
        if (!eraKey) return await this.swapBackOtherVault(dataDir, setAside);

        if (!eraKey.equals(dataKey)) await this.rekey(source, eraKey, dataKey);
        const carried = this.settings();
        // The copy put back is older than the vault now open: erasures since then apply to it too.
        const erased = removalsIn(this.vault.database());
        let reErased = 0;
        const aside = await freeUnitName(dataDir, this.options.now());
        await this.swapIn(source, aside, keyFile, (db) => {
          reErased = applyRemovalsAgain(db, erased, this.options.now);
        });
        // The live key file stays: it opens the copy now, with the passphrase of today.
        for (const file of unitFiles(setAside)) await fsp.rm(join(dataDir, file), { force: true }).catch(() => undefined);
        const db = this.vault.database();
        writeBackupSettings(db, carried);
        // A backup carries its own index; rebuilt anyway so that it always matches the restored data.
        rebuildSearchIndex(db);
        recordAudit(db, 'backup.restored', { undo: 1 }, this.options.now);
        await keepOnlyUnit(dataDir, aside).catch(() => undefined);
        return { ok: true as const, state: 'unlocked' as const, reErased };
      } finally {
        dataKey.fill(0);
        eraKey?.fill(0);
      }
    });
  }

  /**
   * Undo of a restore that replaced another vault: its database and key file change places with
   * the current ones while the vault is locked (its key is not known here).
   */
  private async swapBackOtherVault(dataDir: string, setAside: string): Promise<{ ok: true; state: 'locked'; reErased: number }> {
    const ops = this.options.fileOps;
    const aside = await freeUnitName(dataDir, this.options.now());
    const live = this.vault.dbPath;
    const keyPath = this.vault.keyPath;
    const current = unitFiles(aside);
    const back = unitFiles(setAside);
    const liveFiles = [live, `${live}-wal`, `${live}-shm`, keyPath, keyPath + PENDING_KEY_SUFFIX];
    this.vault.lock();
    const moved: [string, string][] = [];
    try {
      for (const [index, from] of liveFiles.entries()) {
        if (!(await ops.exists(from))) continue;
        await ops.rename(from, join(dataDir, current[index]!));
        moved.push([from, join(dataDir, current[index]!)]);
      }
      for (const [index, name] of back.entries()) {
        const from = join(dataDir, name);
        if (!(await ops.exists(from))) continue;
        await ops.rename(from, liveFiles[index]!);
        moved.push([from, liveFiles[index]!]);
      }
    } catch (error) {
      for (const [from, to] of moved.reverse()) await ops.rename(to, from).catch(() => undefined);
      throw fileError(error);
    }
    await keepOnlyUnit(dataDir, aside).catch(() => undefined);
    // Another vault, put back locked: this vault's erasures say nothing about its students.
    return { ok: true as const, state: 'locked' as const, reErased: 0 };
  }

  /** The set-aside copy (at most one), for settings: when, how large, and what undoing it does. */
  async listSetAside(): Promise<SetAsideCopy[]> {
    const { keyFile, dataKey } = this.vault.keyMaterial();
    dataKey.fill(0);
    return (await listUnits(dirname(this.vault.dbPath))).map((unit) => ({
      name: unit.name,
      createdAt: unit.createdAt,
      sizeBytes: unit.sizeBytes,
      undo: unit.keyFile === null || (unit.keyFile.vaultId === keyFile.vaultId && knowsEra(keyFile, keyEra(unit.keyFile))) ? 'staysUnlocked' : 'locks',
    }));
  }

  /** Deletes a set-aside copy on request (overwritten first); that restore can no longer be undone. */
  deleteSetAside(setAside: string): Promise<{ ok: true }> {
    return this.exclusive(async () => {
      if (!SET_ASIDE.test(setAside)) throw new AppError('NOT_FOUND');
      this.vault.database();
      const dataDir = dirname(this.vault.dbPath);
      if (!(await this.options.fileOps.exists(join(dataDir, setAside)))) throw new AppError('NOT_FOUND');
      await removeUnit(dataDir, setAside);
      return { ok: true as const };
    });
  }

  /**
   * Deletes the vaults that restores set aside, overwritten first. Called after an erasure: those
   * copies still hold the erased student, so keeping them would undo the erasure (the undo of a
   * restore goes too).
   */
  async removeSetAside(): Promise<number> {
    return keepOnlyUnit(dirname(this.vault.dbPath), null);
  }

  /**
   * After a passphrase change (issue 14, docs/adr/0019-backup-rewrap.md): every backup of this
   * vault in the backup folder gets the new passphrase wrap in its header, so the old passphrase
   * no longer opens it. Only the header changes: a new file is written beside it (new header, the
   * payload bytes copied as they are), fsynced, verified (the header authenticates under the
   * backup's own key, the new wrap opens that key with the new passphrase, the payload length is
   * the same), then renamed over the old one. A backup whose key the vault does not know, of
   * another vault, or of format 1, is left as it is and listed.
   */
  rewrapAfterPassphraseChange(newPassphrase: string): Promise<{ rewrapped: number; failed: string[] }> {
    return this.exclusive(async () => {
      const settings = this.settings();
      if (!settings.folder || !(await isFolder(settings.folder))) return { rewrapped: 0, failed: [] };
      const folder = settings.folder;
      const { keyFile, dataKey } = this.vault.keyMaterial();
      const wraps = new Map<string, KeyFile['wraps']['passphrase']>();
      let rewrapped = 0;
      const failed: string[] = [];
      try {
        for (const name of (await fsp.readdir(folder)).filter((entry) => parseBackupName(entry))) {
          const path = join(folder, name);
          let eraKey: Buffer | null = null;
          const temp = `${path}.rewrap`;
          try {
            const header = await readHeader(path);
            const embedded = header.meta.keyFile as KeyFile;
            if (header.meta.vaultId !== keyFile.vaultId || embedded.vaultId !== keyFile.vaultId) continue;
            const era = embedded.wraps.recovery.ciphertext;
            eraKey = await keyForEra(keyFile, dataKey, era);
            if (!eraKey || header.version !== 2) {
              failed.push(name);
              continue;
            }
            authenticateHeader(header, eraKey);
            const aad = wrapAad(keyFile.vaultId, 'passphrase');
            let wrap = era === keyFile.wraps.recovery.ciphertext ? keyFile.wraps.passphrase : wraps.get(era);
            if (!wrap) {
              wrap = await wrapWithPassphrase(eraKey, newPassphrase, aad, this.vault.scryptParams);
              wraps.set(era, wrap);
            }
            if (JSON.stringify(embedded.wraps.passphrase) === JSON.stringify(wrap)) continue;
            const meta = { ...header.meta, keyFile: { ...embedded, wraps: { ...embedded.wraps, passphrase: wrap } } };
            const bytes = encodeHeader(meta, eraKey);
            await writeWithBody(temp, bytes, path, header.offset, header.fileSize);
            const written = await readHeader(temp);
            authenticateHeader(written, eraKey);
            const opened = await unwrapWithPassphrase((written.meta.keyFile as KeyFile).wraps.passphrase, newPassphrase, aad);
            const ok = opened?.equals(eraKey) && written.fileSize - written.offset === header.fileSize - header.offset
              && written.meta.payloadSha256 === header.meta.payloadSha256;
            opened?.fill(0);
            if (!ok) throw new AppError('BACKUP_VERIFY_FAILED');
            await fsp.rename(temp, path);
            rewrapped += 1;
          } catch (error) {
            await fsp.rm(temp, { force: true }).catch(() => undefined);
            logEvent('backup.rewrap_failed', { code: error instanceof AppError ? error.code : String((error as { code?: unknown })?.code ?? '') });
            failed.push(name);
          } finally {
            eraKey?.fill(0);
          }
        }
        await fsyncDir(folder).catch(() => undefined);
      } finally {
        dataKey.fill(0);
      }
      if (rewrapped > 0 || failed.length > 0) recordAudit(this.vault.database(), 'backup.rewrapped', { count: rewrapped, failed: failed.length }, this.options.now);
      return { rewrapped, failed };
    });
  }

  /**
   * Sets a copy of the live vault aside as it is now, the one copy kept (a handover that
   * replaces a student keeps it for its undo, issue 14); undone like a restore (`undoRestore`).
   * Nothing awaits between the checkpoint and the copy, so no write of this process falls in
   * between; a WAL that a reader kept from emptying is copied with it.
   */
  setAsideLive(): Promise<string> {
    return this.exclusive(async () => {
      const { keyFile, dataKey } = this.vault.keyMaterial();
      dataKey.fill(0);
      const dataDir = dirname(this.vault.dbPath);
      const name = await freeUnitName(dataDir, this.options.now());
      const keyCopy = join(dataDir, setAsideKeyName(name));
      try {
        await writeKeyFile(this.options.fileOps, keyCopy, keyFile);
        const db = this.vault.database();
        db.pragma('wal_checkpoint(TRUNCATE)');
        copyFileSync(this.vault.dbPath, join(dataDir, name));
        const wal = `${this.vault.dbPath}-wal`;
        if (existsSync(wal) && statSync(wal).size > 0) copyFileSync(wal, join(dataDir, `${name}-wal`));
      } catch (error) {
        for (const file of unitFiles(name)) await fsp.rm(join(dataDir, file), { force: true }).catch(() => undefined);
        throw error instanceof AppError ? error : asDiskError(error) ?? fileError(error);
      }
      await fsyncDir(dataDir).catch(() => undefined);
      await keepOnlyUnit(dataDir, name).catch(() => undefined);
      return name;
    });
  }

  private async rekey(path: string, from: Buffer, to: Buffer): Promise<void> {
    try {
      await rekeyCopy(path, from, to, this.options.nativeBinding);
    } catch (error) {
      throw error instanceof AppError ? error : fileError(error);
    }
  }

  /**
   * Moves the live database (and any -wal/-shm) aside under `setAside`, with a copy of the key
   * file that opens it, and `source` in its place, then reopens; if the new one does not open,
   * the set-aside one goes back.
   */
  private async swapIn(source: string, setAside: string, keyFile: KeyFile, prepare?: (db: Db) => void): Promise<void> {
    const ops = this.options.fileOps;
    const live = this.vault.dbPath;
    const aside = join(dirname(live), setAside);
    const keyCopy = join(dirname(live), setAsideKeyName(setAside));
    const moved: [string, string][] = [];
    this.restoring = true;
    try {
      // Kept with the copy, so that its undo still opens it after a later key rotation.
      await writeKeyFile(ops, keyCopy, keyFile);
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
      }, prepare);
    } catch (error) {
      await ops.unlink(keyCopy).catch(() => undefined);
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

/** A new header, then the body of `source` from `offset` on, byte for byte; fsynced. */
async function writeWithBody(target: string, header: Buffer, source: string, offset: number, size: number): Promise<void> {
  const out = await fsp.open(target, 'wx', 0o600);
  try {
    await out.write(header, 0, header.length, 0);
    const input = await fsp.open(source, 'r');
    try {
      const chunk = Buffer.alloc(1 << 20);
      let at = offset;
      let to = header.length;
      while (at < size) {
        const { bytesRead } = await input.read(chunk, 0, Math.min(chunk.length, size - at), at);
        if (bytesRead === 0) throw new AppError('BACKUP_DAMAGED');
        await out.write(chunk, 0, bytesRead, to);
        at += bytesRead;
        to += bytesRead;
      }
    } finally {
      await input.close();
    }
    await out.sync();
  } finally {
    await out.close();
  }
}

/** Whether a backup restores onto the vault of `keyFile` as it is (see BackupKeyStatus). */
function keyStatus(keyFile: KeyFile, header: BackupHeader): ListedBackup['status'] {
  const embedded = header.meta.keyFile as Partial<KeyFile> | undefined;
  if (header.meta.vaultId !== keyFile.vaultId || embedded?.vaultId !== keyFile.vaultId) return 'otherVault';
  const era = embedded.wraps?.recovery?.ciphertext;
  return typeof era === 'string' && knowsEra(keyFile, era) ? 'restorable' : 'needsOlderSecret';
}

