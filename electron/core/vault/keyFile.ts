import { promises as fsp } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { type FileOps, fileError, writeFileAtomic } from './fileOps';
import { DeviceWrap, exactBase64, MAX_KEY_FILE_BYTES, PassphraseWrap, RecoveryWrap } from './keyFileSchema';
import type { WrappedKey } from './keyWrap';

export const KEY_FILE_FORMAT = 'loopbaandialoog-vault-key';
export const KEY_FILE_VERSION = 1;

/** An earlier data key, kept so that backups made before a key rotation still restore (keyHistory.ts). */
// Lengths exactly as keyHistory.ts writes them (issue 14): anything else is damage.
const PreviousKey = z.object({
  era: exactBase64(32),
  salt: exactBase64(16),
  iv: exactBase64(12),
  tag: exactBase64(16),
  ciphertext: exactBase64(32),
  retiredAt: z.string().max(40),
});

const KeyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  // Only the version the app writes; a newer one is VAULT_TOO_NEW (checked before this schema).
  version: z.literal(KEY_FILE_VERSION),
  vaultId: z.uuid(),
  createdAt: z.string().max(40),
  // Each slot has its one shape, with exact lengths and a bounded cost (keyFileSchema.ts).
  wraps: z.object({
    passphrase: PassphraseWrap,
    recovery: RecoveryWrap,
    device: DeviceWrap.optional(),
  }).strict(),
  previousKeys: z.array(PreviousKey).max(100).optional(),
});

export interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  version: number;
  vaultId: string;
  createdAt: string;
  wraps: { passphrase: WrappedKey; recovery: WrappedKey; device?: WrappedKey | undefined };
  /**
   * Earlier data keys, newest last, each sealed under the current data key; absent in vaults
   * that were never rotated. See keyHistory.ts and docs/adr/0007-backups-across-key-changes.md.
   */
  previousKeys?: PreviousKey[] | undefined;
}

export interface PreviousKey {
  /** Which key this was: the recovery wrap's ciphertext of that time (see keyHistory.keyEra). */
  era: string;
  salt: string;
  iv: string;
  tag: string;
  ciphertext: string;
  retiredAt: string;
}

/** Associated data for a wrap: a wrap cannot be moved to another vault or another slot. */
export function wrapAad(vaultId: string, slot: keyof KeyFile['wraps']): string {
  return `${KEY_FILE_FORMAT}/v${KEY_FILE_VERSION}/${vaultId}/${slot}`;
}

export async function readKeyFile(ops: FileOps, path: string): Promise<KeyFile> {
  // The size before the read: a key file replaced by something huge must not be read into memory.
  const size = await fsp.stat(path).then((stat) => stat.size, () => null);
  if (size !== null && size > MAX_KEY_FILE_BYTES) throw new AppError('KEYFILE_DAMAGED');
  let raw: Buffer;
  try {
    raw = await ops.readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('VAULT_MISSING');
    throw fileError(error);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('KEYFILE_DAMAGED');
  }
  return parseKeyFile(json);
}

/**
 * Checks a key file that is already parsed JSON: the vault's own, or the one a backup carries.
 * KEYFILE_DAMAGED when it is not one, VAULT_TOO_NEW when a newer app wrote it.
 */
export function parseKeyFile(json: unknown): KeyFile {
  const version = (json as { version?: unknown } | null)?.version;
  if ((json as { format?: unknown } | null)?.format === KEY_FILE_FORMAT && typeof version === 'number' && version > KEY_FILE_VERSION) {
    throw new AppError('VAULT_TOO_NEW', { found: version, supported: KEY_FILE_VERSION });
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('KEYFILE_DAMAGED');
  return parsed.data as KeyFile;
}

export async function writeKeyFile(ops: FileOps, path: string, keyFile: KeyFile): Promise<void> {
  await writeFileAtomic(ops, path, `${JSON.stringify(keyFile, null, 2)}\n`);
}
