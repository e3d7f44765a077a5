import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOVERY_SECRET_BYTES, formatRecoveryKey, newRecoverySecret, parseRecoveryKey } from '../../../electron/core/vault/recoveryKey';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;
const secret = fc.uint8Array({ minLength: RECOVERY_SECRET_BYTES, maxLength: RECOVERY_SECRET_BYTES }).map((a) => Buffer.from(a));

describe('recovery key', () => {
  it('formats 20 bytes as 8 groups of 4 Crockford characters', () => {
    fc.assert(fc.property(secret, (bytes) => {
      expect(formatRecoveryKey(bytes)).toMatch(FORMAT);
    }));
    expect(formatRecoveryKey(Buffer.alloc(20))).toBe('0000-0000-0000-0000-0000-0000-0000-0000');
    expect(formatRecoveryKey(Buffer.alloc(20, 0xff))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  });

  it('round-trips format → parse for any 20 bytes', () => {
    fc.assert(fc.property(secret, (bytes) => {
      expect(parseRecoveryKey(formatRecoveryKey(bytes))?.equals(bytes)).toBe(true);
    }), { numRuns: 500 });
  });

  it('reads a key typed leniently: lowercase, spaces or no separators, O for 0, I or L for 1', () => {
    fc.assert(fc.property(secret, fc.constantFrom(' ', '', '-', '  '), (bytes, separator) => {
      const typed = formatRecoveryKey(bytes).toLowerCase().split('-').join(separator);
      expect(parseRecoveryKey(`  ${typed} `)?.equals(bytes)).toBe(true);
    }));
    const key = formatRecoveryKey(Buffer.from('00112233445566778899aabbccddeeff00112233', 'hex'));
    expect(key).toContain('0');
    const misread = key.replace(/0/g, 'O').replace(/1/g, 'l');
    expect(parseRecoveryKey(misread)?.equals(parseRecoveryKey(key)!)).toBe(true);
  });

  it('rejects the wrong number of characters', () => {
    fc.assert(fc.property(
      fc.string({ unit: fc.constantFrom(...CROCKFORD), minLength: 0, maxLength: 64 }).filter((s) => s.length !== 32),
      (text) => {
        expect(parseRecoveryKey(text)).toBeNull();
      },
    ));
  });

  it('rejects characters outside the alphabet', () => {
    const illegal = fc.constantFrom('U', 'u', '!', '#', '_', '.', 'é', 'ß', '€', '+', '/', '=');
    fc.assert(fc.property(secret, fc.integer({ min: 0, max: 31 }), illegal, (bytes, at, char) => {
      const compact = formatRecoveryKey(bytes).replace(/-/g, '');
      expect(parseRecoveryKey(compact.slice(0, at) + char + compact.slice(at + 1))).toBeNull();
    }));
  });

  it('makes a fresh 20-byte secret each time', () => {
    const a = newRecoverySecret();
    const b = newRecoverySecret();
    expect(a.length).toBe(RECOVERY_SECRET_BYTES);
    expect(a.equals(b)).toBe(false);
  });
});
