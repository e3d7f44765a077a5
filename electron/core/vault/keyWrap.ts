import { createCipheriv, createDecipheriv, hkdf, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string | Buffer, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;
const hkdfAsync = promisify(hkdf);

/**
 * scrypt cost: N = 2^17, r = 8 (128 MiB, about 0.4 s on a 2-core school laptop). Strong against
 * offline guessing, still quick to unlock. Stored per wrap so it can be raised later.
 */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;

export interface ScryptParams { N: number; r: number; p: number }

export interface WrappedKey {
  /** How the wrapping key is derived from the secret. */
  kdf: 'scrypt' | 'hkdf-sha256' | 'os';
  salt: string;
  iv: string;
  tag: string;
  ciphertext: string;
  params?: ScryptParams;
}

export async function derivePassphraseKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * 2 + 1024 * 1024;
  return scryptAsync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem });
}

export async function deriveRecoveryKey(secret: Buffer, salt: Buffer): Promise<Buffer> {
  // The recovery secret is 160 random bits: a slow KDF adds nothing, HKDF only separates uses.
  return Buffer.from(await hkdfAsync('sha256', secret, salt, 'loopbaandialoog/recovery-wrap/v1', 32));
}

/** AES-256-GCM; the vault id and the wrap's name are bound in as associated data. */
export function seal(wrappingKey: Buffer, dataKey: Buffer, aad: string): Omit<WrappedKey, 'kdf' | 'salt' | 'params'> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Returns the data key, or null when the wrapping key is wrong (authentication fails). */
export function open(wrappingKey: Buffer, wrapped: WrappedKey, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}

export async function wrapWithPassphrase(dataKey: Buffer, passphrase: string, aad: string, params: ScryptParams = SCRYPT_PARAMS): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const key = await derivePassphraseKey(passphrase, salt, params);
  return { kdf: 'scrypt', salt: salt.toString('base64'), params: { ...params }, ...seal(key, dataKey, aad) };
}

export async function unwrapWithPassphrase(wrapped: WrappedKey, passphrase: string, aad: string): Promise<Buffer | null> {
  if (wrapped.kdf !== 'scrypt' || !wrapped.params) return null;
  const key = await derivePassphraseKey(passphrase, Buffer.from(wrapped.salt, 'base64'), wrapped.params);
  return open(key, wrapped, aad);
}

export async function wrapWithRecoverySecret(dataKey: Buffer, secret: Buffer, aad: string): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const key = await deriveRecoveryKey(secret, salt);
  return { kdf: 'hkdf-sha256', salt: salt.toString('base64'), ...seal(key, dataKey, aad) };
}

export async function unwrapWithRecoverySecret(wrapped: WrappedKey, secret: Buffer, aad: string): Promise<Buffer | null> {
  if (wrapped.kdf !== 'hkdf-sha256') return null;
  const key = await deriveRecoveryKey(secret, Buffer.from(wrapped.salt, 'base64'));
  return open(key, wrapped, aad);
}
