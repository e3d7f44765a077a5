import { z } from 'zod';
import { AUTO_LOCK_MINUTES, LANGUAGES } from './domain';

/**
 * The school's policy file (`policy.json` in the machine-wide place of each OS, see
 * electron/core/policy/policyPath.ts and docs/adr/0012-school-policy-file.md). Every key is
 * optional; a value is the default for this computer's mentors, and a key named in `locked` is
 * set by the school and cannot be changed in the app. Strict: an unknown key (a typo such as
 * `retentionyears`) makes the file invalid rather than silently doing nothing.
 */

/** Settings a policy may lock. `packs` is not among them: a pack only adds templates and codes. */
export const POLICY_LOCKABLE = [
  'schoolName', 'logo', 'retentionYears', 'backupFolder', 'backupSchedule', 'backupKeepDays',
  'autoLockMinutes', 'language', 'hideWhileSharing', 'audioRetentionDays',
] as const;
export type PolicyLockable = (typeof POLICY_LOCKABLE)[number];

/** At most this many bytes are read of the file; a policy is a few hundred. */
export const MAX_POLICY_BYTES = 1024 * 1024;
export const MAX_POLICY_PACKS = 20;
/** Paths in the file (logo, packs, backup folder): Windows allows 32,767 characters; this is plenty. */
const MAX_PATH = 4096;

/** The ranges the app itself allows for the same settings (settings, retention, backups). */
export const POLICY_RANGES = {
  retentionYears: { min: 1, max: 20 },
  backupKeepDays: { min: 1, max: 365 },
  autoLockMinutes: { min: AUTO_LOCK_MINUTES.min, max: AUTO_LOCK_MINUTES.max },
  audioRetentionDays: { min: 0, max: 3650 },
} as const;

const int = (range: { min: number; max: number }) => z.number().int().min(range.min).max(range.max);
const path = z.string().trim().min(1).max(MAX_PATH);

export const PolicyFile = z.object({
  /** The format version; only 1 exists. */
  version: z.literal(1).optional(),
  schoolName: z.string().trim().min(1).max(200).optional(),
  /** A PNG or JPEG file, absolute or relative to the policy file's folder; at most 1 MB. */
  logo: path.optional(),
  retentionYears: int(POLICY_RANGES.retentionYears).optional(),
  backupFolder: path.optional(),
  /** `daily`: a backup at the first unlock of each day (the app's automatic backup); `off`: only when asked. */
  backupSchedule: z.enum(['daily', 'off']).optional(),
  backupKeepDays: int(POLICY_RANGES.backupKeepDays).optional(),
  autoLockMinutes: int(POLICY_RANGES.autoLockMinutes).optional(),
  language: z.enum(LANGUAGES).optional(),
  hideWhileSharing: z.boolean().optional(),
  audioRetentionDays: int(POLICY_RANGES.audioRetentionDays).optional(),
  /** Template and codebook packs (`.lbdpack`), loaded into every vault on this computer at unlock. */
  packs: z.array(path).max(MAX_POLICY_PACKS).optional(),
  locked: z.array(z.enum(POLICY_LOCKABLE)).max(POLICY_LOCKABLE.length * 2).optional(),
}).strict();
export type PolicyFile = z.infer<typeof PolicyFile>;

/** Why a policy file was not used; shown to the mentor (translated) and logged (code and key only). */
export const POLICY_PROBLEMS = [
  'unreadable', 'too_large', 'not_json', 'not_object', 'unknown_key', 'wrong_type', 'out_of_range', 'not_allowed',
  'too_long', 'locked_without_value', 'not_absolute', 'logo_unreadable', 'logo_too_large', 'logo_invalid',
  'pack_unreadable', 'pack_too_large', 'pack_invalid',
] as const;
export const PolicyProblem = z.object({
  code: z.enum(POLICY_PROBLEMS),
  /** The key in the file it is about (`retentionYears`, `packs.1`), if any. */
  key: z.string().max(200).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** For a choice: the values allowed, comma-separated. */
  allowed: z.string().max(200).optional(),
}).strict();
export type PolicyProblem = z.infer<typeof PolicyProblem>;

/** What `policy:get` tells the renderer: the values in force and what is locked, or why there is no policy. */
export const PolicyView = z.object({
  /** `none`: no file; `applied`: read and in force; `invalid`: read but not used (the app's defaults apply). */
  status: z.enum(['none', 'applied', 'invalid']),
  /** Where the app looked (a machine path, not personal data). */
  path: z.string().nullable(),
  schoolName: z.string().nullable(),
  locked: z.array(z.enum(POLICY_LOCKABLE)),
  /** Pack files the policy names, and whether they could be loaded into this vault. */
  packs: z.number().int(),
  problems: z.array(PolicyProblem).max(20),
}).strict();
export type PolicyView = z.infer<typeof PolicyView>;
