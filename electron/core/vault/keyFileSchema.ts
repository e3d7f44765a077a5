import { z } from 'zod';
import { scryptParamsAllowed } from './keyWrap';

/**
 * The shapes of the wraps in a key file, exactly as the app writes them (keyWrap.ts, vault.ts).
 * A key file is read from a data folder others may write to, and a copy travels inside every
 * backup: whatever it says is checked before it is used. A wrong length or an out-of-bounds cost
 * is damage (KEYFILE_DAMAGED, or BACKUP_DAMAGED for a backup's copy), never a wrong passphrase,
 * and never a derivation that the file chose the cost of.
 */

/** A key file is about 1.5 KB; with a history of 100 earlier keys (keyHistory.ts) under 60 KB. */
export const MAX_KEY_FILE_BYTES = 256 * 1024;

/** Base64 of exactly `bytes` bytes, in the one spelling Node writes (no spaces, padding as needed). */
export function exactBase64(bytes: number) {
  const length = 4 * Math.ceil(bytes / 3);
  return z.string().length(length).refine((text) => {
    const decoded = Buffer.from(text, 'base64');
    return decoded.length === bytes && decoded.toString('base64') === text;
  }, { message: `base64 of ${bytes} bytes` });
}

/** Base64 of 1 to `maxBytes` bytes, canonical. */
export function boundedBase64(maxBytes: number) {
  return z.string().min(1).max(4 * Math.ceil(maxBytes / 3)).refine((text) => {
    const decoded = Buffer.from(text, 'base64');
    return decoded.length >= 1 && decoded.toString('base64') === text;
  }, { message: `base64 of at most ${maxBytes} bytes` });
}

/** scrypt cost, bounded by SCRYPT_LIMITS (keyWrap.ts) before anything derives with it. */
export const ScryptParamsSchema = z.object({
  N: z.number(),
  r: z.number(),
  p: z.number(),
}).strict().refine((params) => scryptParamsAllowed(params), { message: 'scrypt cost out of bounds' });

/** AES-256-GCM over a 32-byte data key: a 12-byte iv, a 16-byte tag, 32 bytes of ciphertext. */
const sealed = {
  iv: exactBase64(12),
  tag: exactBase64(16),
  ciphertext: exactBase64(32),
};

/** The passphrase slot: scrypt with a 16-byte salt and its cost. */
export const PassphraseWrap = z.object({
  kdf: z.literal('scrypt'),
  salt: exactBase64(16),
  params: ScryptParamsSchema,
  ...sealed,
}).strict();

/** The recovery slot: HKDF over the 160-bit recovery secret, with a 16-byte salt; no cost. */
export const RecoveryWrap = z.object({
  kdf: z.literal('hkdf-sha256'),
  salt: exactBase64(16),
  ...sealed,
}).strict();

/** The device slot: the OS keychain's own ciphertext of the data key (safeStorage), nothing else. */
export const DeviceWrap = z.object({
  kdf: z.literal('os'),
  salt: z.literal(''),
  iv: z.literal(''),
  tag: z.literal(''),
  ciphertext: boundedBase64(4096),
}).strict();
