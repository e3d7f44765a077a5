import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { type KeyFile, parseKeyFile } from '../vault/keyFile';

/**
 * A backup is one file: a header that says what it is, then the encrypted database bytes.
 * Version 2 (written since issue 13; see docs/adr/0008-authenticated-containers.md):
 *
 *   bytes 0..8    'LBDBACKUP' (ASCII magic)
 *   byte  9       container format version (2)
 *   bytes 10..13  length L of the JSON metadata, unsigned 32-bit big-endian, 1..MAX_META_LENGTH
 *   L bytes       JSON: createdAt, appVersion, vaultId, counts, the vault's key file (wrapped data
 *                 keys, already encrypted), payload length and SHA-256, keyCheck
 *   32 bytes      HMAC-SHA256 of bytes 0..14+L, keyed with HKDF(data key, "…/mac")
 *   32 bytes      SHA-256 of everything before it (magic to MAC)
 *   payload       the database as VACUUM INTO wrote it: encrypted with the vault's data key
 *
 * Two checks, because they answer different questions:
 * - The SHA-256 needs no key. Any changed byte in the header shows as damage before a
 *   passphrase is tried, so a flipped bit in the embedded key file's salt is BACKUP_DAMAGED,
 *   not "wrong passphrase". It cannot stop a deliberate edit: anyone can recompute it.
 * - The HMAC needs the data key, which is what opens the backup anyway (from its own key file,
 *   the live vault or the key history). It proves that the metadata (date, app version, vault
 *   id, counts, the payload's hash, the embedded key file) was written by someone who held the
 *   key. `keyCheck` (also derived from the key) tells "this is not the key of this backup"
 *   (BACKUP_FOREIGN) apart from "the header was changed" (BACKUP_DAMAGED).
 * The payload is covered through its SHA-256 in the authenticated metadata, which the worker
 * checks while copying it out; SQLCipher's per-page HMAC checks it again when opened.
 *
 * Version 1 (before issue 13) had no MAC and no digest: the JSON was followed directly by the
 * payload. It is still read, marked `unauthenticated`, so that backups made before stay
 * restorable; its metadata is checked for shape only.
 *
 * With the key file inside, the backup opens with the passphrase or recovery key that was valid
 * when it was made, even on a machine where the vault itself is gone.
 */
export const MAGIC = Buffer.from('LBDBACKUP', 'ascii');
export const CONTAINER_VERSION = 2;
export const LEGACY_CONTAINER_VERSION = 1;
const PREFIX_LENGTH = MAGIC.length + 1 + 4;
const MAC_LENGTH = 32;
const DIGEST_LENGTH = 32;
const TRAILER_LENGTH = MAC_LENGTH + DIGEST_LENGTH;
/**
 * The metadata is about 2 KB, plus about 400 bytes per earlier key in the key file's history
 * (at most 100). Checked before anything is allocated for it.
 */
export const MAX_META_LENGTH = 512 * 1024;
const MAX_COUNTS = 64;

const MAC_INFO = 'loopbaandialoog/backup-header/v2/mac';
const KEY_CHECK_INFO = 'loopbaandialoog/backup-header/v2/key-check';
const KEY_CHECK_BYTES = 16;

const MetaFields = {
  createdAt: z.iso.datetime(),
  appVersion: z.string().min(1).max(100),
  vaultId: z.uuid(),
  counts: z.record(z.string().min(1).max(64), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER))
    .refine((counts) => Object.keys(counts).length <= MAX_COUNTS),
  // Checked on its own below (parseKeyFile), with exact lengths and bounded KDF costs.
  keyFile: z.unknown(),
  payloadLength: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
};
const MetaV1 = z.object(MetaFields).strict();
const MetaV2 = z.object({ ...MetaFields, keyCheck: z.string().regex(/^[0-9a-f]{32}$/) }).strict();

export interface BackupMeta {
  createdAt: string;
  appVersion: string;
  vaultId: string;
  counts: Record<string, number>;
  keyFile: KeyFile;
  payloadLength: number;
  payloadSha256: string;
}

export interface BackupHeader {
  meta: BackupMeta;
  /** Where the payload starts. */
  offset: number;
  /** Size of the whole file. */
  fileSize: number;
  /** The container format the file is in. */
  version: typeof CONTAINER_VERSION | typeof LEGACY_CONTAINER_VERSION;
  /**
   * True for a version 1 file: nothing proves its metadata, `authenticateHeader` has nothing to
   * check. Its payload is still checked by hash, integrity check and row counts on restore.
   */
  unauthenticated: boolean;
  /** For `authenticateHeader`: the bytes the MAC covers, the MAC and the key check (version 2). */
  auth: { signed: Buffer; mac: Buffer; keyCheck: string } | null;
}

function headerKeys(dataKey: Buffer): { macKey: Buffer; keyCheck: string } {
  // HKDF separates these from the data key's own use as SQLCipher's key. No salt: the data key
  // is 32 random bytes already.
  const macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), MAC_INFO, 32));
  const keyCheck = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), KEY_CHECK_INFO, KEY_CHECK_BYTES)).toString('hex');
  return { macKey, keyCheck };
}

function hmac(macKey: Buffer, bytes: Buffer): Buffer {
  return createHmac('sha256', macKey).update(bytes).digest();
}

/** The header of a version 2 container, authenticated under `dataKey` (the key the payload is encrypted with). */
export function encodeHeader(meta: BackupMeta, dataKey: Buffer): Buffer {
  const { macKey, keyCheck } = headerKeys(dataKey);
  const json = Buffer.from(JSON.stringify({ ...meta, keyCheck }), 'utf8');
  if (json.length > MAX_META_LENGTH) throw new AppError('INTERNAL');
  const prefix = Buffer.alloc(PREFIX_LENGTH);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt8(CONTAINER_VERSION, MAGIC.length);
  prefix.writeUInt32BE(json.length, MAGIC.length + 1);
  const signed = Buffer.concat([prefix, json]);
  const mac = hmac(macKey, signed);
  macKey.fill(0);
  const digest = createHash('sha256').update(signed).update(mac).digest();
  return Buffer.concat([signed, mac, digest]);
}

const damaged = (cause?: unknown) => new AppError('BACKUP_DAMAGED', undefined, cause === undefined ? undefined : { cause });

/**
 * What the 14-byte prefix says: the version and how many header bytes follow. Every length is
 * checked against the bound and the file's size before anything is allocated for it.
 */
function readPrefix(prefix: Buffer, fileSize: number): { version: 1 | 2; metaLength: number; headerLength: number } {
  if (prefix.length < PREFIX_LENGTH || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged();
  const version = prefix.readUInt8(MAGIC.length);
  if (version !== CONTAINER_VERSION && version !== LEGACY_CONTAINER_VERSION) throw damaged();
  const metaLength = prefix.readUInt32BE(MAGIC.length + 1);
  const headerLength = PREFIX_LENGTH + metaLength + (version === CONTAINER_VERSION ? TRAILER_LENGTH : 0);
  // A backup always has a payload after its header.
  if (metaLength === 0 || metaLength > MAX_META_LENGTH || headerLength >= fileSize) throw damaged();
  return { version, metaLength, headerLength };
}

/**
 * Checks a header without any key: `bytes` is the start of a file of `fileSize` bytes, at least
 * the whole header. BACKUP_DAMAGED for anything that is not a complete, intact backup of a
 * known format (another file, a newer format, cut off, a changed byte); VAULT_TOO_NEW when
 * the key file inside is from a newer app.
 */
export function decodeHeader(bytes: Buffer, fileSize: number): BackupHeader {
  const { version, metaLength, headerLength } = readPrefix(bytes.subarray(0, PREFIX_LENGTH), fileSize);
  if (bytes.length < headerLength) throw damaged();
  const signedEnd = PREFIX_LENGTH + metaLength;
  let auth: BackupHeader['auth'] = null;
  if (version === CONTAINER_VERSION) {
    const mac = bytes.subarray(signedEnd, signedEnd + MAC_LENGTH);
    const digest = bytes.subarray(signedEnd + MAC_LENGTH, headerLength);
    const expected = createHash('sha256').update(bytes.subarray(0, signedEnd + MAC_LENGTH)).digest();
    // Before the JSON is even parsed: a changed byte is damage, whatever it would have meant.
    if (!timingSafeEqual(digest, expected)) throw damaged();
    auth = { signed: Buffer.from(bytes.subarray(0, signedEnd)), mac: Buffer.from(mac), keyCheck: '' };
  }
  let parsed: unknown;
  try {
    // fatal: bytes that are not UTF-8 are damage, not replacement characters.
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_LENGTH, signedEnd)));
  } catch (error) {
    throw damaged(error);
  }
  const result = (version === CONTAINER_VERSION ? MetaV2 : MetaV1).safeParse(parsed);
  if (!result.success) throw damaged(result.error);
  let keyFile: KeyFile;
  try {
    keyFile = parseKeyFile(result.data.keyFile);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VAULT_TOO_NEW') throw error;
    throw damaged(error);
  }
  if (keyFile.vaultId !== result.data.vaultId) throw damaged();
  if (headerLength + result.data.payloadLength !== fileSize) throw damaged();
  if (auth) auth.keyCheck = (result.data as z.infer<typeof MetaV2>).keyCheck;
  const { createdAt, appVersion, vaultId, counts, payloadLength, payloadSha256 } = result.data;
  return {
    meta: { createdAt, appVersion, vaultId, counts, keyFile, payloadLength, payloadSha256 },
    offset: headerLength,
    fileSize,
    version,
    unauthenticated: version === LEGACY_CONTAINER_VERSION,
    auth,
  };
}

/**
 * Reads only the header (see decodeHeader); the payload is checked separately. NOT_FOUND when
 * there is no such file. The header is not authenticated yet: that needs the data key
 * (`authenticateHeader`), and nothing in it may be trusted until then.
 */
export async function readHeader(path: string): Promise<BackupHeader> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND');
    throw damaged(error);
  }
  try {
    const fileSize = (await handle.stat()).size;
    const prefix = Buffer.alloc(PREFIX_LENGTH);
    const { bytesRead } = await handle.read(prefix, 0, PREFIX_LENGTH, 0);
    if (bytesRead < PREFIX_LENGTH) throw damaged();
    const { headerLength } = readPrefix(prefix, fileSize);
    const bytes = Buffer.alloc(headerLength);
    prefix.copy(bytes, 0);
    let at = PREFIX_LENGTH;
    while (at < headerLength) {
      const { bytesRead: n } = await handle.read(bytes, at, headerLength - at, at);
      if (n === 0) throw damaged(); // the file shrank since stat
      at += n;
    }
    return decodeHeader(bytes, fileSize);
  } finally {
    await handle.close();
  }
}

/**
 * Whether `dataKey` is the key of this backup: true or false for version 2, null for version 1
 * (which cannot tell). Cheap, for choosing among keys (the live one, earlier ones).
 */
export function headerKeyMatches(header: BackupHeader, dataKey: Buffer): boolean | null {
  if (!header.auth) return null;
  const { macKey, keyCheck } = headerKeys(dataKey);
  macKey.fill(0);
  return timingSafeEqual(Buffer.from(keyCheck, 'hex'), Buffer.from(header.auth.keyCheck, 'hex'));
}

/**
 * Authenticates every byte of a version 2 header with the data key that opens the backup, before
 * anything in it (date, counts, vault id, hash) is believed. BACKUP_FOREIGN when `dataKey` is
 * not this backup's key, BACKUP_DAMAGED when the header was changed. Returns 'unauthenticated'
 * for a version 1 file, which carries nothing to check; the caller may say so.
 */
export function authenticateHeader(header: BackupHeader, dataKey: Buffer): 'authenticated' | 'unauthenticated' {
  if (!header.auth) return 'unauthenticated';
  const { macKey, keyCheck } = headerKeys(dataKey);
  try {
    if (!timingSafeEqual(Buffer.from(keyCheck, 'hex'), Buffer.from(header.auth.keyCheck, 'hex'))) throw new AppError('BACKUP_FOREIGN');
    if (!timingSafeEqual(hmac(macKey, header.auth.signed), header.auth.mac)) throw damaged();
    return 'authenticated';
  } finally {
    macKey.fill(0);
  }
}
