import { promises as fsp } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { KeyFile } from '../vault/keyFile';

/**
 * A backup is one file: a header that says what it is, then the encrypted database bytes.
 *
 *   bytes 0..8    'LBDBACKUP' (ASCII magic)
 *   byte  9       container format version (1)
 *   bytes 10..13  length of the JSON metadata, unsigned 32-bit big-endian
 *   JSON          createdAt, appVersion, vaultId, counts, the vault's key file (wrapped data
 *                 keys, already encrypted), payload length and sha-256
 *   payload       the database as VACUUM INTO wrote it: encrypted with the vault's data key
 *
 * With the key file inside, the backup opens with the passphrase or recovery key that was valid
 * when it was made, even on a machine where the vault itself is gone.
 */
export const MAGIC = Buffer.from('LBDBACKUP', 'ascii');
export const CONTAINER_VERSION = 1;
const PREFIX_LENGTH = MAGIC.length + 1 + 4;
const MAX_META_LENGTH = 1 << 20;

const Meta = z.object({
  createdAt: z.string(),
  appVersion: z.string(),
  vaultId: z.string(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  keyFile: z.object({ vaultId: z.string() }).passthrough(),
  payloadLength: z.number().int().positive(),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

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
}

export function encodeHeader(meta: BackupMeta): Buffer {
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const prefix = Buffer.alloc(PREFIX_LENGTH);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt8(CONTAINER_VERSION, MAGIC.length);
  prefix.writeUInt32BE(json.length, MAGIC.length + 1);
  return Buffer.concat([prefix, json]);
}

/**
 * Reads only the header. Anything that is not a complete backup of a known format (another
 * file, a newer format, cut off) is BACKUP_DAMAGED; the payload is checked separately.
 */
export async function readHeader(path: string): Promise<BackupHeader> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND');
    throw new AppError('BACKUP_DAMAGED', undefined, { cause: error });
  }
  try {
    const fileSize = (await handle.stat()).size;
    const prefix = Buffer.alloc(PREFIX_LENGTH);
    const { bytesRead } = await handle.read(prefix, 0, PREFIX_LENGTH, 0);
    if (bytesRead < PREFIX_LENGTH || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw new AppError('BACKUP_DAMAGED');
    if (prefix.readUInt8(MAGIC.length) !== CONTAINER_VERSION) throw new AppError('BACKUP_DAMAGED');
    const metaLength = prefix.readUInt32BE(MAGIC.length + 1);
    if (metaLength === 0 || metaLength > MAX_META_LENGTH || PREFIX_LENGTH + metaLength > fileSize) throw new AppError('BACKUP_DAMAGED');
    const json = Buffer.alloc(metaLength);
    await handle.read(json, 0, metaLength, PREFIX_LENGTH);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      throw new AppError('BACKUP_DAMAGED');
    }
    const meta = Meta.safeParse(parsed);
    if (!meta.success) throw new AppError('BACKUP_DAMAGED');
    const offset = PREFIX_LENGTH + metaLength;
    if (offset + meta.data.payloadLength !== fileSize) throw new AppError('BACKUP_DAMAGED');
    return { meta: meta.data as unknown as BackupMeta, offset, fileSize };
  } finally {
    await handle.close();
  }
}
