import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrapAad } from '../../../electron/core/vault/keyFile';
import {
  unwrapWithPassphrase, unwrapWithRecoverySecret, wrapWithPassphrase, wrapWithRecoverySecret, type WrappedKey,
} from '../../../electron/core/vault/keyWrap';
import { TEST_SCRYPT } from '../helpers/core';

const flipFirstByte = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString('base64');
};

describe('key wrapping', () => {
  it('unwraps with the right passphrase and AAD, and fails with another vault id, slot or passphrase', async () => {
    const dataKey = randomBytes(32);
    const vaultId = randomUUID();
    const aad = wrapAad(vaultId, 'passphrase');
    const wrapped = await wrapWithPassphrase(dataKey, 'geheim wachtwoord', aad, TEST_SCRYPT);
    expect(wrapped).toMatchObject({ kdf: 'scrypt', params: TEST_SCRYPT });
    expect(Buffer.from(wrapped.ciphertext, 'base64').equals(dataKey)).toBe(false);

    expect((await unwrapWithPassphrase(wrapped, 'geheim wachtwoord', aad))?.equals(dataKey)).toBe(true);
    expect(await unwrapWithPassphrase(wrapped, 'geheim wachtwoord', wrapAad(randomUUID(), 'passphrase'))).toBeNull();
    expect(await unwrapWithPassphrase(wrapped, 'geheim wachtwoord', wrapAad(vaultId, 'recovery'))).toBeNull();
    expect(await unwrapWithPassphrase(wrapped, 'Geheim wachtwoord', aad)).toBeNull();
  });

  it('detects tampering with the ciphertext, tag, iv, salt or cost', async () => {
    const aad = wrapAad(randomUUID(), 'passphrase');
    const wrapped = await wrapWithPassphrase(randomBytes(32), 'geheim', aad, TEST_SCRYPT);
    const tampered: WrappedKey[] = [
      { ...wrapped, ciphertext: flipFirstByte(wrapped.ciphertext) },
      { ...wrapped, tag: flipFirstByte(wrapped.tag) },
      { ...wrapped, iv: flipFirstByte(wrapped.iv) },
      { ...wrapped, salt: flipFirstByte(wrapped.salt) },
      // Another cost within the bounds: a different key, so authentication fails.
      { ...wrapped, params: { N: 2 ** 14, r: 8, p: 1 } },
      { ...wrapped, kdf: 'hkdf-sha256' },
    ];
    for (const bad of tampered) expect(await unwrapWithPassphrase(bad, 'geheim', aad)).toBeNull();
  });

  it('normalises the passphrase to NFC, so the same word typed differently still unwraps', async () => {
    const aad = wrapAad(randomUUID(), 'passphrase');
    const dataKey = randomBytes(32);
    const wrapped = await wrapWithPassphrase(dataKey, 'cafe\u0301 op de hoek', aad, TEST_SCRYPT);
    expect((await unwrapWithPassphrase(wrapped, 'caf\u00e9 op de hoek', aad))?.equals(dataKey)).toBe(true);
  });

  it('recovery wraps round-trip for any secret, and fail with another secret or vault', async () => {
    await fc.assert(fc.asyncProperty(
      fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.uint8Array({ minLength: 32, maxLength: 32 }),
      async (secretBytes, keyBytes) => {
        const secret = Buffer.from(secretBytes);
        const dataKey = Buffer.from(keyBytes);
        const vaultId = randomUUID();
        const wrapped = await wrapWithRecoverySecret(dataKey, secret, wrapAad(vaultId, 'recovery'));
        expect((await unwrapWithRecoverySecret(wrapped, secret, wrapAad(vaultId, 'recovery')))?.equals(dataKey)).toBe(true);
        expect(await unwrapWithRecoverySecret(wrapped, secret, wrapAad(randomUUID(), 'recovery'))).toBeNull();
        const other = Buffer.from(secret);
        other[0] = other[0]! ^ 0x80;
        expect(await unwrapWithRecoverySecret(wrapped, other, wrapAad(vaultId, 'recovery'))).toBeNull();
      },
    ), { numRuns: 50 });
  });
});
