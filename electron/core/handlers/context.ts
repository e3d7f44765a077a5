import type { Channel, RequestOut, Response } from '../../../shared/contract';
import type { BackupService } from '../backup/backupService';
import type { ErasureScrubber } from '../erasure/erasureScrubber';
import type { OpenFilePicker } from '../backup/openFilePicker';
import type { FolderPicker } from '../backup/folderPicker';
import type { SaveTarget } from '../export/saveTarget';
import type { LoadedPolicy } from '../policy/loadPolicy';
import type { Preferences } from '../preferences';
import type { Services } from '../services';
import type { TranscriptionService } from '../transcription/transcriptionService';
import type { FileOps } from '../vault/fileOps';
import type { Vault } from '../vault/vault';

export interface HandlerContext {
  vault: Vault;
  preferences: Preferences;
  /** Repositories of the unlocked vault; throws VAULT_LOCKED otherwise. */
  services(): Services;
  now(): number;
  nowIso(): string;
  /** Asks where an export goes (a save dialog in the app). */
  saveTarget: SaveTarget;
  /** File calls for exports, the same (injectable) ones the vault uses. */
  fileOps: FileOps;
  /** Asks for a file to read (an open dialog in the app): a REFI-QDA project, a pack. */
  openFilePicker?: OpenFilePicker;
  /** Asks for the backup folder (a folder dialog in the app). */
  folderPicker?: FolderPicker;
  /** The SQLite build to load in job workers that open the vault (unpackaged app only). */
  nativeBinding?: string | undefined;
  /** Backups and restore of this vault (optional only so that hand-made test contexts need not build one). */
  backups?: BackupService;
  /** Speech models, transcription jobs and picked audio (issue 17); optional for hand-made test contexts. */
  transcription?: TranscriptionService;
  /** Runs the scrub after an erasure in a job (see ErasureScrubber); without one it runs in-thread. */
  erasureScrub?: ErasureScrubber;
  /** The school's policy as read at start (optional only so that hand-made test contexts need not have one). */
  policy?: LoadedPolicy;
}

export type Handler<C extends Channel> = (request: RequestOut<C>, ctx: HandlerContext) => Promise<Response<C>> | Response<C>;

/** Handlers for a subset of channels, one file per area. */
export type HandlerGroup<P extends string> = { [C in Channel as C extends `${P}:${string}` ? C : never]: Handler<C> };

export type HandlerTable = { [C in Channel]: Handler<C> };
