import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { type FileOps, fileError, writeFileAtomic } from './fileOps';
import type { WrappedKey } from './keyWrap';

export const KEY_FILE_FORMAT = 'loopbaandialoog-vault-key';
export const KEY_FILE_VERSION = 1;

const Wrapped = z.object({
  kdf: z.enum(['scrypt', 'hkdf-sha256', 'os']),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
  params: z.object({ N: z.number().int().positive(), r: z.number().int().positive(), p: z.number().int().positive() }).optional(),
});

const KeyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.number().int().positive(),
  vaultId: z.uuid(),
  createdAt: z.string(),
  wraps: z.object({
    passphrase: Wrapped,
    recovery: Wrapped,
    device: Wrapped.optional(),
  }),
});

export interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  version: number;
  vaultId: string;
  createdAt: string;
  wraps: { passphrase: WrappedKey; recovery: WrappedKey; device?: WrappedKey | undefined };
}

/** Associated data for a wrap: a wrap cannot be moved to another vault or another slot. */
export function wrapAad(vaultId: string, slot: keyof KeyFile['wraps']): string {
  return `${KEY_FILE_FORMAT}/v${KEY_FILE_VERSION}/${vaultId}/${slot}`;
}

export async function readKeyFile(ops: FileOps, path: string): Promise<KeyFile> {
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
