import { type Channel, contract, isChannel } from '../../shared/contract';
import { BackupService } from './backup/backupService';
import { type FolderPicker, missingFolderPicker } from './backup/folderPicker';
import { localDate } from './backup/naming';
import type { OpenFilePicker } from './backup/openFilePicker';
import { asDiskError } from './diskErrors';
import { ErasureScrubber, READS_DURING_SCRUB } from './erasure/erasureScrubber';
import { AppError, type Result } from '../../shared/errors';
import type { BackendEvent } from '../../shared/events';
import { handlers } from './handlers';
import { missingSaveTarget, type SaveTarget } from './export/saveTarget';
import type { HandlerContext, HandlerTable } from './handlers/context';
import { defaultDeadline } from './host/hostClient';
import { logEvent } from './log';
import { applyPolicy } from './policy/applyPolicy';
import { type LoadedPolicy, loadPolicy } from './policy/loadPolicy';
import { guardPolicy } from './policy/policyGuard';
import { applyPolicyPacks } from './policy/policyPacks';
import { Preferences } from './preferences';
import { closeInterruptedRecordings } from './repositories/recordingRepository';
import { deleteExpiredAudio } from './retention/audioRetention';
import { Services } from './services';
import type { TranscriptionEngine } from './transcription/engine';
import type { EngineSpawner } from './transcription/engineProcess';
import { TranscriptionService } from './transcription/transcriptionService';
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
  /** Transcribes instead of whisper.cpp (tests and the tour, through a test hook). */
  transcriptionEngine?: TranscriptionEngine;
  /** Starts whisper.cpp's process (ADR 0022); without one the host forks it (plain Node only). */
  engineSpawner?: EngineSpawner;
  /** Free memory in bytes, for the model memory check (tests inject a small figure). */
  freeMemory?: () => number;
  /** The school's policy file, read once here; absent or null: no policy (the host passes the OS's place). */
  policyFile?: string | null;
  /** How long a write may wait for an erasure's scrub (tests shorten it); see `waitForScrub`. */
  scrubWaitMs?: (channel: Channel) => number;
}

/** Channels that do not count as the mentor being active (the renderer polls them). */
const PASSIVE_CHANNELS: ReadonlySet<Channel> = new Set(['vault:status', 'policy:get']);
/** Channels after which the main process hears the settings it acts on again (settings:changed). */
const SHELL_SETTINGS_CHANNELS: ReadonlySet<Channel> = new Set(['settings:update', 'settings:setLanguage']);
const AUTO_LOCK_CHECK_MS = 15_000;
/**
 * What a write waiting for an erasure's scrub leaves of its caller's deadline: busy_timeout (5 s)
 * and the work itself, so that a long scrub never gets the host replaced as wedged.
 */
const SCRUB_WAIT_MARGIN_MS = 8_000;

/**
 * The whole app behind the IPC boundary, in plain Node: the Electron main process and the
 * browser harness both call `dispatch` with whatever arrived, and get a result envelope back.
 */
export class Backend {
  readonly vault: Vault;
  readonly preferences: Preferences;
  readonly backups: BackupService;
  readonly transcription: TranscriptionService;
  /** The scrub after an erasure, in a job; writes wait for it (see ErasureScrubber). */
  readonly erasureScrub: ErasureScrubber;
  /** The school's policy, read at start; invalid or absent means the app's own defaults. */
  readonly policy: LoadedPolicy;
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
    this.policy = loadPolicy(options.policyFile ?? null);
    const { language } = this.policy.values;
    this.preferences = new Preferences(options.fileOps ?? nodeFileOps, options.dataDir,
      language ? { language, locked: this.policy.locked.has('language') } : undefined);
    this.table = options.handlerTable ?? handlers;
    this.lastActivity = this.now();
    this.backups = new BackupService({
      vault: this.vault, fileOps: options.fileOps ?? nodeFileOps, folderPicker: options.folderPicker ?? missingFolderPicker,
      openFilePicker: options.openFilePicker,
      now: this.now, appVersion: options.appVersion, nativeBinding: options.nativeBinding,
      onEvent: (event) => this.emit(event),
    });
    this.transcription = new TranscriptionService({
      dataDir: options.dataDir, now: this.now, onEvent: (event) => this.emit(event),
      engine: options.transcriptionEngine, engineSpawner: options.engineSpawner, freeMemory: options.freeMemory, openFilePicker: options.openFilePicker,
    });
    this.erasureScrub = new ErasureScrubber({ vault: this.vault, nativeBinding: options.nativeBinding });
    this.vault.onChange((event) => {
      this.services = event === 'unlocked' ? new Services(this.vault.database()) : null;
      // Audio and text of running transcriptions are student data held in memory: they end at lock.
      if (event !== 'unlocked') this.transcription.cancelAll();
      // The school's settings first, so the backup, retention and shell settings below see them.
      if (event === 'unlocked') this.applyPolicy();
      this.lastActivity = this.now();
      // The first unlock of the day makes a backup in the background; its errors are only logged.
      // An erasure's scrub cut off by a kill or a quit runs first: a copy made before it would
      // hold the erased student's terms from the search index's old segments.
      if (event === 'unlocked') this.autoBackupAfterPendingScrub();
      // The retention timer's backup part: old backups age out by the keeping rule (issue 14).
      // Recordings cut off by a crash become complete with what was acknowledged (issue 17).
      if (event === 'unlocked') this.closeInterruptedRecordings();
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
      ...(options.openFilePicker ? { openFilePicker: options.openFilePicker } : {}),
      backups: this.backups,
      transcription: this.transcription,
      erasureScrub: this.erasureScrub,
      nativeBinding: options.nativeBinding,
      policy: this.policy,
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
      if (this.erasureScrub.isRunning && !READS_DURING_SCRUB.has(channel)) await this.waitForScrub(channel);
      guardPolicy(this.policy, channel, parsed.data);
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

  /**
   * A write waits for a running scrub, for as long as its caller's deadline leaves room. A scrub
   * still running then (a school-sized vault's VACUUM takes a minute or more) answers VAULT_BUSY
   * instead of letting the write reach SQLite: better-sqlite3 would wait for VACUUM's lock on this
   * thread (busy_timeout) and stall every other request, then fail anyway. The editor keeps the
   * text and saves again (useAutosave); nothing acknowledged is lost.
   */
  private async waitForScrub(channel: Channel): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const waitMs = this.options.scrubWaitMs?.(channel) ?? Math.max(0, defaultDeadline(channel) - SCRUB_WAIT_MARGIN_MS);
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(() => { timedOut = true; resolve(); }, waitMs);
    });
    try {
      await Promise.race([this.erasureScrub.whenIdle(), bound]);
    } finally {
      clearTimeout(timer);
    }
    if (timedOut && this.erasureScrub.isRunning) throw new AppError('VAULT_BUSY');
  }

  private autoBackupAfterPendingScrub(): void {
    const resumed = this.erasureScrub.resumeIfPending();
    if (!this.erasureScrub.isRunning) {
      this.backups.maybeAutoBackup();
      return;
    }
    void resumed.then(() => this.backups.maybeAutoBackup());
  }

  private applyPolicy(): void {
    if (!this.services || this.policy.status !== 'applied') return;
    try {
      applyPolicy(this.services.db, this.policy);
      applyPolicyPacks(this.services.db, this.policy.packs, this.now);
    } catch (error) {
      // A full disk or a damaged row: the app goes on with what the vault has, and says so in the log.
      logEvent('policy.apply_failed', { code: error instanceof AppError ? error.code : String((error as { code?: unknown })?.code ?? 'INTERNAL') });
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
      // Locked (or locked and unlocked again) while the preferences were read: that unlock sends its own.
      if (this.services !== services) return;
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
    // The same daily run lets audio go once its transcript has been final long enough (issue 17).
    this.deleteExpiredAudio();
    this.backups.pruneByRule().catch((error: unknown) => logEvent('backup.prune_failed', { code: error instanceof AppError ? error.code : 'INTERNAL' }));
  }

  private closeInterruptedRecordings(): void {
    if (!this.services) return;
    try {
      const closed = closeInterruptedRecordings(this.services.db, new Date(this.now()).toISOString());
      if (closed > 0) logEvent('recording.interrupted_closed', { count: closed });
    } catch (error) {
      logEvent('recording.close_failed', { code: error instanceof AppError ? error.code : 'INTERNAL' });
    }
  }

  private deleteExpiredAudio(): void {
    if (!this.services) return;
    try {
      deleteExpiredAudio(this.services.db, this.now());
    } catch (error) {
      logEvent('recording.retention_failed', { code: error instanceof AppError ? error.code : 'INTERNAL' });
    }
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
    // Locking writes an audit row, which would wait for the scrub's write lock on this thread.
    if (this.erasureScrub.isRunning) return false;
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
