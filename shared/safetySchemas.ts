import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { Id, Passphrase } from './schemas';

// Issue 5: backups, restore, handover, erasure, retention, audit, key rotation.

export const RowCounts = z.record(z.string(), z.number().int().nonnegative());
export type RowCounts = z.infer<typeof RowCounts>;

export const BackupInfo = z.object({
  /** File name inside the backup folder. */
  fileName: z.string(),
  createdAt: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** Row counts per table at backup time (students, dialogues, annotations, actions …). */
  counts: RowCounts,
  appVersion: z.string(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupSettings = z.object({
  folder: z.string().nullable(),
  keep: z.number().int().min(1).max(365),
  lastBackupAt: z.string().nullable(),
  automatic: z.boolean(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

/** The backup state shown outside settings (the sidebar): see electron/core/backup/backupStatus.ts. */
export const BackupStatus = z.object({
  state: z.enum(['ok', 'never', 'stale', 'noFolder', 'folderMissing', 'off']),
  lastBackupAt: z.string().nullable(),
  ageDays: z.number().int().nonnegative().nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const BackupRun = z.object({ backup: BackupInfo, verified: z.literal(true), pruned: z.number().int() });

/**
 * How many students erased in this vault were still in the restored copy and were erased again
 * before it was shown (issue 14); 0 when none.
 */
export const ReErased = z.number().int().nonnegative();

export const RestoreResult = z.object({ restoredFrom: BackupInfo, setAside: z.string(), reErased: ReErased });


export const RetentionItem = z.object({
  studentId: Id,
  displayName: z.string(),
  leavingDate: z.string(),
  dueSince: z.string(),
});
export type RetentionItem = z.infer<typeof RetentionItem>;

export const AuditEntry = z.object({ at: z.string(), kind: z.string(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ErasureRequest = z.object({
  studentId: Id,
  /** The student's name typed by the mentor, as a deliberate confirmation. */
  confirmName: z.string().min(1).max(200),
}).strict();

/**
 * What an erasure reached besides the vault (issue 14): the fresh verified backup made after it
 * (null when none could be made, `backupError` says why, e.g. BACKUP_FOLDER_UNSET), how many
 * older backups of this vault were deleted from the backup folder, and how many set-aside vault
 * copies. Copies made elsewhere are out of reach and not counted.
 */
export const ErasureResult = z.object({
  ok: z.literal(true),
  backup: BackupInfo.nullable(),
  backupError: z.enum(ERROR_CODES).nullable(),
  removedBackups: z.number().int().nonnegative(),
  removedSetAside: z.number().int().nonnegative(),
});

export const HandoverExportRequest = z.object({ studentId: Id, transferPassphrase: Passphrase }).strict();

