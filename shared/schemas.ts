import { z } from 'zod';
import { AUTO_LOCK_MINUTES, LANGUAGES, SCHOOL_TYPES } from './domain';

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30). */
export const IsoDate = z.iso.date().refine((value) => {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}, { message: 'invalid_date' });

export const Id = z.uuid();

const shortText = (max: number) => z.string().trim().max(max);

/**
 * The school administration's student number (Magister's stamnummer, Somtoday's leerlingnummer):
 * letters, digits and a few separators, unique per vault when present (migration 0010).
 */
export const STUDENT_NUMBER_MAX = 32;
export const StudentNumber = z.string().trim().min(1).max(STUDENT_NUMBER_MAX).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, { message: 'student_number' });

export const StudentFields = z.object({
  displayName: z.string().trim().min(1).max(200),
  schoolType: z.enum(SCHOOL_TYPES),
  programme: shortText(200).default(''),
  cohort: shortText(50).default(''),
  mentor: shortText(200).default(''),
  leavingDate: IsoDate.nullable().default(null),
  /** Absent on an update: the number stays as it is; null clears it. */
  studentNumber: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), StudentNumber.nullable()).optional(),
});
export type StudentFields = z.infer<typeof StudentFields>;

export const Student = z.object({
  id: Id,
  displayName: z.string(),
  schoolType: z.enum(SCHOOL_TYPES),
  programme: z.string(),
  cohort: z.string(),
  mentor: z.string(),
  leavingDate: z.string().nullable(),
  studentNumber: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Student = z.infer<typeof Student>;

export const Settings = z.object({
  language: z.enum(LANGUAGES),
  autoLockMinutes: z.number().int().min(AUTO_LOCK_MINUTES.min).max(AUTO_LOCK_MINUTES.max),
  schoolName: z.string().max(200),
  /** Window content protection, so a shared or recorded screen does not show the vault's contents. */
  hideWhileSharing: z.boolean(),
  /** Audio is deleted this many days after its dialogue's transcript is final; 0 keeps it (issue 17). */
  audioRetentionDays: z.number().int().min(0).max(3650),
});
export type Settings = z.infer<typeof Settings>;

export const VaultState = z.enum(['none', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultState>;

export const VaultStatus = z.object({
  state: VaultState,
  /** When unlocking is refused for a while after wrong attempts: ms still to wait. */
  retryAfterMs: z.number().int().nonnegative(),
  deviceUnlockAvailable: z.boolean(),
  deviceUnlockEnabled: z.boolean(),
  language: z.enum(LANGUAGES),
  /** The vault was opened on a full disk: reading works, saving does not until there is room. */
  diskFull: z.boolean(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const Passphrase = z.string().min(1).max(1024);
export const RecoveryKeyText = z.string().min(1).max(200);
