import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { derivePassphraseKey, SCRYPT_PARAMS, type ScryptParams } from '../vault/keyWrap';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The handover file (`.ldho`):
 *
 *   'LBDHANDOVER' (11 bytes ASCII) | format version (1 byte, 1) | header length (uint32 BE) |
 *   header (UTF-8 JSON) | ciphertext | GCM tag (16 bytes)
 *
 * The header holds only what decrypting needs: scrypt salt and cost, the GCM iv, the length of
 * the ciphertext, a passphrase check value, when and by which app version it was made. Never a
 * name. The plaintext is the gzipped snapshot JSON, sealed with AES-256-GCM; everything before
 * the ciphertext is bound in as associated data, so a changed header fails authentication.
 *
 * The key comes from scrypt(transfer passphrase, random salt); HKDF splits it into the
 * encryption key and a check value, so a wrong passphrase (check differs) can be told apart
 * from a damaged file (check matches, authentication fails).
 */
export const HANDOVER_MAGIC = Buffer.from('LBDHANDOVER', 'ascii');
export const HANDOVER_FORMAT_VERSION = 1;
const PREFIX_LENGTH = HANDOVER_MAGIC.length + 1 + 4;
const TAG_LENGTH = 16;
const MAX_HEADER_LENGTH = 16 * 1024;
/** More than any real student's data; guards against a gzip bomb. */
const MAX_PLAINTEXT_BYTES = 512 * 1024 * 1024;

const Header = z.object({
  kdf: z.literal('scrypt'),
  salt: z.base64(),
  // Bounded, so a crafted file cannot make the import allocate gigabytes or run for minutes.
  N: z.number().int().min(2 ** 10).max(2 ** 20).refine((n) => (n & (n - 1)) === 0),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  iv: z.base64(),
  check: z.base64(),
  length: z.number().int().nonnegative(),
  createdAt: z.string().max(40),
  appVersion: z.string().max(50),
}).strict();
type Header = z.infer<typeof Header>;

/** Transfer passphrase cost; the same as the vault's. Tests lower it. */
let transferScrypt: ScryptParams = SCRYPT_PARAMS;
export function setTransferScryptParams(params: ScryptParams): void {
  transferScrypt = params;
}

async function deriveKeys(passphrase: string, salt: Buffer, params: ScryptParams): Promise<{ key: Buffer; check: Buffer }> {
  const master = await derivePassphraseKey(passphrase, salt, params);
  const key = Buffer.from(hkdfSync('sha256', master, salt, 'loopbaandialoog/handover/v1/key', 32));
  const check = createHash('sha256').update(Buffer.from(hkdfSync('sha256', master, salt, 'loopbaandialoog/handover/v1/check', 32))).digest();
  master.fill(0);
  return { key, check };
}

function prefix(headerBytes: Buffer): Buffer {
  const out = Buffer.alloc(PREFIX_LENGTH);
  HANDOVER_MAGIC.copy(out, 0);
  out.writeUInt8(HANDOVER_FORMAT_VERSION, HANDOVER_MAGIC.length);
  out.writeUInt32BE(headerBytes.length, HANDOVER_MAGIC.length + 1);
  return out;
}

export async function sealHandover(plainJson: string, passphrase: string, meta: { createdAt: string; appVersion: string }): Promise<Buffer> {
  const compressed = await gzipAsync(Buffer.from(plainJson, 'utf8'));
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const params = transferScrypt;
  const { key, check } = await deriveKeys(passphrase, salt, params);
  const header: Header = {
    kdf: 'scrypt', salt: salt.toString('base64'), N: params.N, r: params.r, p: params.p,
    iv: iv.toString('base64'), check: check.toString('base64'), length: compressed.length,
    createdAt: meta.createdAt, appVersion: meta.appVersion.slice(0, 50),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const aad = Buffer.concat([prefix(headerBytes), headerBytes]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(compressed), cipher.final()]);
  key.fill(0);
  return Buffer.concat([aad, ciphertext, cipher.getAuthTag()]);
}

interface Parsed { header: Header; aad: Buffer; ciphertext: Buffer; tag: Buffer }

/** Structure only: HANDOVER_DAMAGED for anything that is not a complete handover file. */
export function parseHandover(data: Buffer): Parsed {
  const damaged = () => new AppError('HANDOVER_DAMAGED');
  if (data.length < PREFIX_LENGTH + 2 + TAG_LENGTH) throw damaged();
  if (!data.subarray(0, HANDOVER_MAGIC.length).equals(HANDOVER_MAGIC)) throw damaged();
  if (data.readUInt8(HANDOVER_MAGIC.length) !== HANDOVER_FORMAT_VERSION) throw damaged();
  const headerLength = data.readUInt32BE(HANDOVER_MAGIC.length + 1);
  if (headerLength > MAX_HEADER_LENGTH || PREFIX_LENGTH + headerLength + TAG_LENGTH > data.length) throw damaged();
  const headerBytes = data.subarray(PREFIX_LENGTH, PREFIX_LENGTH + headerLength);
  let header: Header;
  try {
    header = Header.parse(JSON.parse(headerBytes.toString('utf8')));
  } catch {
    throw damaged();
  }
  const body = data.subarray(PREFIX_LENGTH + headerLength);
  // A truncated (or extended) file shows here, before any passphrase is tried.
  if (body.length !== header.length + TAG_LENGTH) throw damaged();
  if (Buffer.from(header.iv, 'base64').length !== 12 || Buffer.from(header.salt, 'base64').length < 16) throw damaged();
  return {
    header,
    aad: data.subarray(0, PREFIX_LENGTH + headerLength),
    ciphertext: body.subarray(0, header.length),
    tag: body.subarray(header.length),
  };
}

/**
 * The snapshot JSON text of a handover file. WRONG_TRANSFER_PASSPHRASE when the passphrase does
 * not fit; HANDOVER_DAMAGED when the file is not intact.
 */
export async function openHandover(data: Buffer, passphrase: string): Promise<string> {
  const { header, aad, ciphertext, tag } = parseHandover(data);
  const salt = Buffer.from(header.salt, 'base64');
  const { key, check } = await deriveKeys(passphrase, salt, { N: header.N, r: header.r, p: header.p });
  const expected = Buffer.from(header.check, 'base64');
  if (expected.length !== check.length || !timingSafeEqual(expected, check)) throw new AppError('WRONG_TRANSFER_PASSPHRASE');
  let compressed: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    compressed = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new AppError('HANDOVER_DAMAGED');
  } finally {
    key.fill(0);
  }
  try {
    return (await gunzipAsync(compressed, { maxOutputLength: MAX_PLAINTEXT_BYTES })).toString('utf8');
  } catch {
    throw new AppError('HANDOVER_DAMAGED');
  }
}
