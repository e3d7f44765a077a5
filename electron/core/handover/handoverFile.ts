import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { exactBase64 } from '../vault/keyFileSchema';
import { admitScryptParams, derivePassphraseKey, SCRYPT_PARAMS, type ScryptParams, scryptParamsAllowed } from '../vault/keyWrap';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The handover file (`.ldho`), version 2 (since issue 13, docs/adr/0008-authenticated-containers.md):
 *
 *   'LBDHANDOVER' (11 bytes ASCII) | format version (1 byte, 2) | header length (uint32 BE) |
 *   header (UTF-8 JSON) | SHA-256 of all bytes before it (32 bytes) | ciphertext | GCM tag (16 bytes)
 *
 * The header holds only what decrypting needs: scrypt salt and cost, the GCM iv, the length of
 * the ciphertext, a passphrase check value, when and by which app version it was made. Never a
 * name. The plaintext is the gzipped snapshot JSON, sealed with AES-256-GCM; everything before
 * the ciphertext (the digest included) is bound in as associated data, so a changed header
 * fails authentication.
 *
 * The key comes from scrypt(transfer passphrase, random salt); HKDF splits it into the
 * encryption key and a check value, so a wrong passphrase (check differs) can be told apart
 * from a damaged ciphertext (check matches, authentication fails). A damaged header would
 * change the derivation itself (salt, cost) or the check value, and so look like a wrong
 * passphrase: the digest after the header catches that first, before any derivation, and
 * needs no key. (It cannot stop a deliberate edit, which only makes the file not open.)
 *
 * Version 1 (before issue 13) had no digest; it is still read, with the same bounds.
 *
 * Every number in the header is bounded before it is used: the scrypt cost by
 * keyWrap.SCRYPT_LIMITS (a crafted N = 2^20, r = 16, p = 4 took 25 s and 2.2 GiB), lengths exact.
 */
export const HANDOVER_MAGIC = Buffer.from('LBDHANDOVER', 'ascii');
export const HANDOVER_FORMAT_VERSION = 2;
const LEGACY_FORMAT_VERSION = 1;
const PREFIX_LENGTH = HANDOVER_MAGIC.length + 1 + 4;
const DIGEST_LENGTH = 32;
const TAG_LENGTH = 16;
/** A header is about 300 bytes. */
const MAX_HEADER_LENGTH = 4 * 1024;
/**
 * The whole file, and its unpacked JSON (issue 14): far more than any real student's data (a
 * school year of dialogues is a few MB), small enough that opening a crafted file stays within
 * seconds and within the job's heap. Over either is HANDOVER_TOO_LARGE, with its own message.
 */
export const MAX_HANDOVER_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_HANDOVER_PLAINTEXT_BYTES = 64 * 1024 * 1024;

const Header = z.object({
  kdf: z.literal('scrypt'),
  salt: exactBase64(16),
  // Bounded (SCRYPT_LIMITS) before anything derives with it; checked again in deriveKeys.
  N: z.number(),
  r: z.number(),
  p: z.number(),
  iv: exactBase64(12),
  check: exactBase64(32),
  length: z.number().int().nonnegative().max(2 ** 32),
  createdAt: z.string().max(40),
  appVersion: z.string().max(50),
}).strict().refine((header) => scryptParamsAllowed({ N: header.N, r: header.r, p: header.p }));
type Header = z.infer<typeof Header>;

/** Transfer passphrase cost; the same as the vault's. Tests lower it. */
let transferScrypt: ScryptParams = SCRYPT_PARAMS;
/** The transfer cost this process writes (and so reads back): handed to the job that opens a file. */
export function transferScryptParams(): ScryptParams {
  return transferScrypt;
}
export function setTransferScryptParams(params: ScryptParams): void {
  // A cost given here is what this process writes, so it must read it back too.
  admitScryptParams(params);
  transferScrypt = params;
}

async function deriveKeys(passphrase: string, salt: Buffer, params: ScryptParams): Promise<{ key: Buffer; check: Buffer }> {
  // The last line before scrypt: a cost from a file outside the limits is damage.
  if (!scryptParamsAllowed(params)) throw new AppError('HANDOVER_DAMAGED');
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

const digestOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

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
  const signed = Buffer.concat([prefix(headerBytes), headerBytes]);
  const aad = Buffer.concat([signed, digestOf(signed)]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(compressed), cipher.final()]);
  key.fill(0);
  return Buffer.concat([aad, ciphertext, cipher.getAuthTag()]);
}

interface Parsed { version: number; header: Header; aad: Buffer; ciphertext: Buffer; tag: Buffer }

/**
 * Structure only, no key: HANDOVER_DAMAGED for anything that is not a complete, intact handover
 * file of a known version, or whose header asks for a cost or length outside the bounds.
 */
export function parseHandover(data: Buffer): Parsed {
  const damaged = () => new AppError('HANDOVER_DAMAGED');
  if (data.length > MAX_HANDOVER_FILE_BYTES) throw new AppError('HANDOVER_TOO_LARGE');
  if (data.length < PREFIX_LENGTH + 2 + TAG_LENGTH) throw damaged();
  if (!data.subarray(0, HANDOVER_MAGIC.length).equals(HANDOVER_MAGIC)) throw damaged();
  const version = data.readUInt8(HANDOVER_MAGIC.length);
  if (version !== HANDOVER_FORMAT_VERSION && version !== LEGACY_FORMAT_VERSION) throw damaged();
  const headerLength = data.readUInt32BE(HANDOVER_MAGIC.length + 1);
  const digestLength = version === HANDOVER_FORMAT_VERSION ? DIGEST_LENGTH : 0;
  const headerEnd = PREFIX_LENGTH + headerLength;
  const bodyStart = headerEnd + digestLength;
  if (headerLength === 0 || headerLength > MAX_HEADER_LENGTH || bodyStart + TAG_LENGTH > data.length) throw damaged();
  if (digestLength > 0) {
    const digest = data.subarray(headerEnd, bodyStart);
    if (!timingSafeEqual(digest, digestOf(data.subarray(0, headerEnd)))) throw damaged();
  }
  let header: Header;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(PREFIX_LENGTH, headerEnd));
    header = Header.parse(JSON.parse(text));
  } catch {
    throw damaged();
  }
  const body = data.subarray(bodyStart);
  // A truncated (or extended) file shows here, before any passphrase is tried.
  if (body.length !== header.length + TAG_LENGTH) throw damaged();
  return {
    version,
    header,
    aad: data.subarray(0, bodyStart),
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
  if (expected.length !== check.length || !timingSafeEqual(expected, check)) {
    key.fill(0);
    throw new AppError('WRONG_TRANSFER_PASSPHRASE');
  }
  let compressed: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'), { authTagLength: TAG_LENGTH });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    compressed = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new AppError('HANDOVER_DAMAGED');
  } finally {
    key.fill(0);
  }
  try {
    return (await gunzipAsync(compressed, { maxOutputLength: MAX_HANDOVER_PLAINTEXT_BYTES })).toString('utf8');
  } catch (error) {
    // A gzip bomb (or a snapshot of 200 MB of text) stops at the bound, before it is unpacked further.
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('HANDOVER_TOO_LARGE');
    throw new AppError('HANDOVER_DAMAGED');
  }
}
