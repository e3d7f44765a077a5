import { createCipheriv, createDecipheriv, hkdf, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/errors';

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

/**
 * The scrypt costs a file may ask for. The cost of a derivation is read from the file it
 * protects (a handover from another mentor, a backup picked from a USB stick, the key file in a
 * data folder others can write to), so the file chooses how much memory and time we spend: a
 * 1.3 KB handover asking for N = 2^20, r = 16, p = 4 took 25 s and 2.2 GiB before it said "wrong
 * passphrase". Every cost read from a file is checked against these bounds before any
 * derivation. They are what the app writes (2^17, 8, 1) with a margin downwards for N and r and
 * one step for p: at most 128 MiB and twice the app's own time for one derivation.
 */
export const SCRYPT_LIMITS = { minN: 2 ** 14, maxN: 2 ** 17, maxR: 8, maxP: 2 } as const;

/**
 * scrypt needs 128·N·r bytes (plus 128·r·p); with the bounds above that is 128 MiB and a few KiB.
 * A fixed ceiling instead of one computed from the parameters: even a path that forgot the
 * bounds check cannot be made to allocate more (Node refuses before allocating).
 */
const SCRYPT_MAX_MEM = 128 * SCRYPT_LIMITS.maxN * SCRYPT_LIMITS.maxR + 2 * 1024 * 1024;

const costKey = (params: ScryptParams) => `${params.N}/${params.r}/${params.p}`;
/** Cheaper costs that tests asked for through an option (see `admitScryptParams`). */
const admitted = new Set<string>();

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 2 && (n & (n - 1)) === 0;
}

function isCount(n: unknown, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;
}

/** Whether a cost read from a file may be used: within SCRYPT_LIMITS, or admitted by a test. */
export function scryptParamsAllowed(params: unknown): params is ScryptParams {
  if (typeof params !== 'object' || params === null) return false;
  const { N, r, p } = params as Record<string, unknown>;
  if (typeof N !== 'number' || !isPowerOfTwo(N) || N > SCRYPT_LIMITS.maxN) return false;
  if (!isCount(r, SCRYPT_LIMITS.maxR) || !isCount(p, SCRYPT_LIMITS.maxP)) return false;
  return N >= SCRYPT_LIMITS.minN || admitted.has(costKey({ N, r, p }));
}

/**
 * Lets files with this (cheaper) cost be read in this process. Only code that was itself given
 * the cost as an option calls it (Vault's `scryptParams`, `setTransferScryptParams`, the test
 * helpers), never anything read from a file; the app passes no such option. Only below the
 * lower bound: nothing can admit a cost above SCRYPT_LIMITS.
 */
export function admitScryptParams(params: ScryptParams): void {
  const { N, r, p } = params;
  if (!isPowerOfTwo(N) || N > SCRYPT_LIMITS.maxN || !isCount(r, SCRYPT_LIMITS.maxR) || !isCount(p, SCRYPT_LIMITS.maxP)) {
    throw new RangeError('scrypt cost above the limits');
  }
  admitted.add(costKey(params));
}

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
  return scryptAsync(passphrase.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: SCRYPT_MAX_MEM });
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
    // The tag length pinned: without it a shortened tag from a file would be accepted as such.
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrapped.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    // update() hands back its own buffer of key bytes; only the concatenated copy may live on.
    const head = decipher.update(Buffer.from(wrapped.ciphertext, 'base64'));
    const key = Buffer.concat([head, decipher.final()]);
    head.fill(0);
    if (key.length === 32) return key;
    key.fill(0);
    return null;
  } catch {
    return null;
  }
}

export async function wrapWithPassphrase(dataKey: Buffer, passphrase: string, aad: string, params: ScryptParams = SCRYPT_PARAMS): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const key = await derivePassphraseKey(passphrase, salt, params);
  try {
    return { kdf: 'scrypt', salt: salt.toString('base64'), params: { N: params.N, r: params.r, p: params.p }, ...seal(key, dataKey, aad) };
  } finally {
    key.fill(0);
  }
}

/**
 * The data key, or null when the passphrase does not fit. A cost outside the limits is the key
 * file's fault, not the passphrase's: KEYFILE_DAMAGED, before any derivation (the key file
 * parser refuses it already; this is the last line for any other caller).
 */
export async function unwrapWithPassphrase(wrapped: WrappedKey, passphrase: string, aad: string): Promise<Buffer | null> {
  if (wrapped.kdf !== 'scrypt' || !wrapped.params) return null;
  if (!scryptParamsAllowed(wrapped.params)) throw new AppError('KEYFILE_DAMAGED');
  const key = await derivePassphraseKey(passphrase, Buffer.from(wrapped.salt, 'base64'), wrapped.params);
  try {
    return open(key, wrapped, aad);
  } finally {
    key.fill(0);
  }
}

export async function wrapWithRecoverySecret(dataKey: Buffer, secret: Buffer, aad: string): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const key = await deriveRecoveryKey(secret, salt);
  try {
    return { kdf: 'hkdf-sha256', salt: salt.toString('base64'), ...seal(key, dataKey, aad) };
  } finally {
    key.fill(0);
  }
}

export async function unwrapWithRecoverySecret(wrapped: WrappedKey, secret: Buffer, aad: string): Promise<Buffer | null> {
  if (wrapped.kdf !== 'hkdf-sha256') return null;
  const key = await deriveRecoveryKey(secret, Buffer.from(wrapped.salt, 'base64'));
  try {
    return open(key, wrapped, aad);
  } finally {
    key.fill(0);
  }
}
