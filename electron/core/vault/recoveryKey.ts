import { randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so a printed key is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_SECRET_BYTES = 20;

export function newRecoverySecret(): Buffer {
  return randomBytes(RECOVERY_SECRET_BYTES);
}

/** 160 bits as 32 characters in eight groups of four: `ABCD-EFGH-…`. */
export function formatRecoveryKey(secret: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of secret) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Reads a typed key leniently (case, spaces, dashes, O/0 and I/L/1 confusions); null if it cannot be one. */
export function parseRecoveryKey(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== Math.ceil((RECOVERY_SECRET_BYTES * 8) / 5)) return null;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return bytes.length === RECOVERY_SECRET_BYTES ? Buffer.from(bytes) : null;
}
