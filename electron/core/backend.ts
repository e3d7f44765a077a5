import { type Channel, contract, isChannel } from '../../shared/contract';
import { BackupService } from './backup/backupService';
import { type FolderPicker, missingFolderPicker } from './backup/folderPicker';
import { localDate } from './backup/naming';
import type { OpenFilePicker } from './backup/openFilePicker';
import { asDiskError } from './diskErrors';
import { AppError, type Result } from '../../shared/errors';
import type { BackendEvent } from '../../shared/events';
import { handlers } from './handlers';
import { missingSaveTarget, type SaveTarget } from './export/saveTarget';
import type { HandlerContext, HandlerTable } from './handlers/context';
import { logEvent } from './log';
import { Preferences } from './preferences';
import { Services } from './services';
import { nodeFileOps } from './vault/fileOps';
import { Vault, type VaultOptions } from './vault/vault';

export interface BackendOptions extends VaultOptions {
  /** Check every response against the contract too (tests and the harness). */
  validateResponses?: boolean;
  handlerTable?: HandlerTable;
  /** Where exports go; without one every export fails with EXPORT_TARGET_MISSING. */
  saveTarget?: SaveTarget;
  /** Asks for the backup folder; without one, choosing fails with BACKUP_FOLDER_UNSET. */
  folderPicker?: FolderPicker;
  /** Asks for a backup file to restore; without one, picking fails with BACKUP_FILE_NOT_CHOSEN. */
  openFilePicker?: OpenFilePicker;
}

/** Channels that do not count as the mentor being active (the renderer polls them). */
const PASSIVE_CHANNELS: ReadonlySet<Channel> = new Set(['vault:status']);
/** Channels after which the main process hears the settings it acts on again (settings:changed). */
const SHELL_SETTINGS_CHANNELS: ReadonlySet<Channel> = new Set(['settings:update', 'settings:setLanguage']);
const AUTO_LOCK_CHECK_MS = 15_000;

/**
 * The whole app behind the IPC boundary, in plain Node: the Electron main process and the
 * browser harness both call `dispatch` with whatever arrived, and get a result envelope back.
 */
export class Backend {
  readonly vault: Vault;
  readonly preferences: Preferences;
  readonly backups: BackupService;
  private services: Services | null = null;
  private lastActivity: number;
  private timer: NodeJS.Timeout | null = null;
  private lastPruneDay: string | null = null;
  private readonly now: () => number;
  private readonly table: HandlerTable;
  private readonly context: HandlerContext;
  private readonly eventListeners = new Set<(event: BackendEvent) => void>();

  constructor(private readonly options: BackendOptions) {
    this.now = options.now ?? Date.now;
    this.vault = new Vault(options);
    this.preferences = new Preferences(options.fileOps ?? nodeFileOps, options.dataDir);
    this.table = options.handlerTable ?? handlers;
    this.lastActivity = this.now();
    this.backups = new BackupService({
      vault: this.vault, fileOps: options.fileOps ?? nodeFileOps, folderPicker: options.folderPicker ?? missingFolderPicker,
      openFilePicker: options.openFilePicker,
      now: this.now, appVersion: options.appVersion, nativeBinding: options.nativeBinding,
      onEvent: (event) => this.emit(event),
    });
    this.vault.onChange((event) => {
      this.services = event === 'unlocked' ? new Services(this.vault.database()) : null;
      this.lastActivity = this.now();
      // The first unlock of the day makes a backup in the background; its errors are only logged.
      if (event === 'unlocked') this.backups.maybeAutoBackup();
      // The retention timer's backup part: old backups age out by the keeping rule (issue 14).
      if (event === 'unlocked') this.pruneBackupsOncePerDay(true);
      // The main process cannot read the vault: it learns content protection and language here.
      if (event === 'unlocked') void this.emitShellSettings();
    });
    // A long migration at unlock moves an unlock screen's progress bar instead of a spinner.
    this.vault.onMigrationProgress((progress) => this.emit({
      name: 'vault:migrationProgress',
      payload: { migration: progress.migration, done: progress.done, total: progress.total },
    }));
    this.context = {
      vault: this.vault,
      preferences: this.preferences,
      services: () => {
        if (!this.services) throw new AppError('VAULT_LOCKED');
        return this.services;
      },
      now: this.now,
      nowIso: () => new Date(this.now()).toISOString(),
      saveTarget: options.saveTarget ?? missingSaveTarget,
      fileOps: options.fileOps ?? nodeFileOps,
      folderPicker: options.folderPicker ?? missingFolderPicker,
      backups: this.backups,
      nativeBinding: options.nativeBinding,
    };
  }

  async dispatch(channel: unknown, request: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL' } };
    const spec = contract[channel];
    const parsed = spec.request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // An extra field is reported on its parent object; name the field itself.
      const path = [...(issue?.path ?? []), ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])];
      const field = path.join('.');
      return { ok: false, error: { code: 'VALIDATION', params: { field } } };
    }
    if (!PASSIVE_CHANNELS.has(channel)) this.lastActivity = this.now();
    try {
      await this.vault.settled();
      const handler = this.table[channel] as (request: unknown, ctx: HandlerContext) => unknown;
      const value = await handler(parsed.data, this.context);
      if (this.options.validateResponses) spec.response.parse(value);
      if (SHELL_SETTINGS_CHANNELS.has(channel)) await this.emitShellSettings();
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() };
      // Handlers run their SQL without mapping errors; a full disk (SQLITE_FULL on a save or a
      // create) is still something the mentor can act on, so it is named here for all of them.
      const full = asDiskError(error);
      if (full) return { ok: false, error: full.toPayload() };
      logEvent('handler.failed', {
        channel,
        name: (error as Error)?.name ?? 'unknown',
        code: String((error as { code?: unknown })?.code ?? ''),
      });
      return { ok: false, error: { code: 'INTERNAL' } };
    }
  }

  /** Events for the renderer (forwarded by the host); returns the unsubscribe function. */
  onEvent(listener: (event: BackendEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** What the main process acts on (see 'settings:changed'); nothing while locked. */
  private async emitShellSettings(): Promise<void> {
    const services = this.services;
    if (!services) return;
    try {
      const language = await this.preferences.language();
      const { hideWhileSharing } = services.settings.get();
      this.emit({ name: 'settings:changed', payload: { language, hideWhileSharing } });
    } catch (error) {
      // A vault locked meanwhile, or preferences unreadable: the next unlock sends it again.
      logEvent('event.settings_failed', { name: (error as Error)?.name ?? 'unknown' });
    }
  }

  private emit(event: BackendEvent): void {
    for (const listener of this.eventListeners) {
      try {
        listener(event);
      } catch (error) {
        logEvent('event.listener_failed', { name: event.name, error: (error as Error)?.name ?? 'unknown' });
      }
    }
  }

  /**
   * Applies the backup keeping rule at unlock (`force`) and then once per local day while the
   * vault stays open, so that a vault left open for weeks still lets old backups go.
   */
  private pruneBackupsOncePerDay(force = false): void {
    if (!this.services) return;
    const day = localDate(this.now());
    if (!force && day === this.lastPruneDay) return;
    this.lastPruneDay = day;
    this.backups.pruneByRule().catch((error: unknown) => logEvent('backup.prune_failed', { code: error instanceof AppError ? error.code : 'INTERNAL' }));
  }

  /** Locks after the configured idle time, even if the renderer hangs or is gone; prunes backups daily. */
  startAutoLock(): void {
    this.timer ??= setInterval(() => {
      if (!this.checkIdle()) this.pruneBackupsOncePerDay();
    }, AUTO_LOCK_CHECK_MS);
    this.timer.unref?.();
  }

  checkIdle(): boolean {
    if (!this.services) return false;
    const minutes = this.services.settings.get().autoLockMinutes;
    if (this.now() - this.lastActivity < minutes * 60_000) return false;
    this.vault.lock();
    logEvent('vault.auto_locked');
    this.emit({ name: 'vault:locked', payload: { reason: 'idle' } });
    return true;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.vault.lock();
  }
}
