import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { BackupInfo, ReErased } from './safetySchemas';
import { Passphrase, RecoveryKeyText } from './schemas';

// Issue 13: restoring a backup file (also on a new computer), backups across key changes,
// the set-aside copies of the vault.

/**
 * Whether a listed backup can be restored onto the open vault as it is: `restorable` (its key is
 * the vault's current one, or an earlier one the vault keeps, ADR 0007); `needsOlderSecret` (made
 * before a key change this vault has no record of: it opens only with the passphrase or recovery
 * key of its time, through "restore from a file"); `otherVault` (a backup of another vault).
 */
export const BackupKeyStatus = z.enum(['restorable', 'needsOlderSecret', 'otherVault']);
export type BackupKeyStatus = z.infer<typeof BackupKeyStatus>;

export const ListedBackup = BackupInfo.extend({ status: BackupKeyStatus });
export type ListedBackup = z.infer<typeof ListedBackup>;

/** A backup file the mentor picked, read from its header only (nothing is decrypted yet). */
export const PickedBackup = BackupInfo.extend({
  /** Names this pick in the restore request: the file's path stays in the backend. */
  token: z.string().min(1).max(100),
  /**
   * What restoring it here does: `fresh` (no vault on this computer yet) or `replaces` (the vault
   * on this computer is set aside and the backup takes its place; the mentor must confirm).
   */
  effect: z.enum(['fresh', 'replaces']),
  /** Whether it is a backup of the vault that is on this computer now. */
  sameVault: z.boolean(),
});
export type PickedBackup = z.infer<typeof PickedBackup>;

const restoreCommon = {
  token: z.string().min(1).max(100),
  /** Must be true when a vault exists here (effect `replaces`): the deliberate confirmation. */
  replaceCurrent: z.boolean().default(false),
};

/** Opens a picked backup with the passphrase, or the recovery key, that held when it was made. */
export const RestoreFromBackupRequest = z.discriminatedUnion('method', [
  z.object({ ...restoreCommon, method: z.literal('passphrase'), passphrase: Passphrase }).strict(),
  // As with unlocking by recovery key: who has only the key sets a new passphrase at once.
  z.object({ ...restoreCommon, method: z.literal('recoveryKey'), recoveryKey: RecoveryKeyText, newPassphrase: Passphrase }).strict(),
]);

export const RestoreFromBackupResult = z.object({
  restoredFrom: BackupInfo,
  /** The vault that was here before, kept so that it can be put back; null on a fresh computer. */
  setAside: z.string().nullable(),
  /** Students this vault had erased that the backup still held, erased again before it was shown. */
  reErased: ReErased,
});

/** One set-aside copy of the vault (at most one is kept: the one the last restore's undo needs). */
export const SetAsideCopy = z.object({
  name: z.string(),
  createdAt: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /**
   * What putting it back does: `staysUnlocked` (same key as now, or one this vault keeps) or
   * `locks` (another vault, or a key this vault does not know: it opens with its own passphrase).
   */
  undo: z.enum(['staysUnlocked', 'locks']),
});
export type SetAsideCopy = z.infer<typeof SetAsideCopy>;

export const UndoRestoreResult = z.object({ ok: z.literal(true), state: z.enum(['unlocked', 'locked']), reErased: ReErased });

export const RotateKeyResult = z.object({
  recoveryKey: z.string(),
  /** The verified backup made right after the rotation; null when none could be made (see backupError). */
  backup: BackupInfo.nullable(),
  backupError: z.enum(ERROR_CODES).nullable(),
});
