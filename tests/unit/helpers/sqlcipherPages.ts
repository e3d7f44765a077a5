import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/**
 * The plaintext of every page of an encrypted vault file and of every frame in its WAL,
 * free pages and stale frames included: what someone holding the data key could read from the
 * raw files, which SQL never shows. The vault's format is SQLCipher 4 with a raw key (see
 * db/connection.ts): 4096-byte pages, each AES-256-CBC encrypted with the key itself and the IV
 * in the page's 80 reserved bytes (16 IV + 64 HMAC); page 1 starts with the 16-byte salt.
 * The HMAC is not checked: a scan wants every byte, not a proof.
 */
const PAGE = 4096;
const RESERVE = 80;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function decryptPage(page: Buffer, pageNumber: number, key: Buffer): Buffer {
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(pageNumber === 1 ? 16 : 0, PAGE - RESERVE)), decipher.final()]);
}

export function decryptedPages(dbPath: string, key: Buffer): Buffer {
  const parts: Buffer[] = [];
  const main = readFileSync(dbPath);
  for (let index = 0; (index + 1) * PAGE <= main.length; index++) parts.push(decryptPage(main.subarray(index * PAGE, (index + 1) * PAGE), index + 1, key));
  // Page 1 after its salt begins with the page size (big-endian), so a wrong key or format shows.
  if (parts[0] && parts[0].readUInt16BE(0) !== PAGE) throw new Error('not a SQLCipher 4 vault with 4096-byte pages under this key');
  const walPath = `${dbPath}-wal`;
  if (existsSync(walPath)) {
    const wal = readFileSync(walPath);
    for (let offset = WAL_HEADER; offset + FRAME_HEADER + PAGE <= wal.length; offset += FRAME_HEADER + PAGE) {
      parts.push(decryptPage(wal.subarray(offset + FRAME_HEADER, offset + FRAME_HEADER + PAGE), wal.readUInt32BE(offset), key));
    }
  }
  return Buffer.concat(parts);
}

/** The needles found in the bytes, as UTF-8 or UTF-16LE. */
export function tracesIn(bytes: Buffer, needles: readonly string[]): string[] {
  return needles.filter((needle) => [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')].some((form) => bytes.includes(form)));
}
