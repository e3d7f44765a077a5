import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VAULT_KEY_FILE } from '../../../electron/core/vault/vault';
import {
  admitScryptParams, derivePassphraseKey, SCRYPT_LIMITS, SCRYPT_PARAMS, scryptParamsAllowed, unwrapWithPassphrase, type WrappedKey,
} from '../../../electron/core/vault/keyWrap';
import { expectAppError, makeVault, OTHER_PASSPHRASE, PASSPHRASE, TEST_SCRYPT } from '../helpers/core';

type Json = { version: number; createdAt: string; wraps: Record<string, Record<string, unknown>> };

async function lockedVault() {
  const made = makeVault();
  const { recoveryKey } = await made.vault.create(PASSPHRASE);
  made.vault.lock();
  return { ...made, recoveryKey, keyPath: join(made.dir, VAULT_KEY_FILE) };
}

describe('scrypt cost bounds', () => {
  it('accept what the app writes and a margin below, nothing above', () => {
    expect(scryptParamsAllowed(SCRYPT_PARAMS)).toBe(true);
    expect(scryptParamsAllowed({ N: SCRYPT_LIMITS.minN, r: 8, p: 1 })).toBe(true);
    expect(scryptParamsAllowed({ N: 2 ** 17, r: 8, p: 2 })).toBe(true);
    for (const bad of [
      { N: 2 ** 18, r: 8, p: 1 }, { N: 2 ** 20, r: 16, p: 4 }, { N: 2 ** 30, r: 8, p: 1 }, { N: 3 * 2 ** 14, r: 8, p: 1 },
      { N: 2 ** 14, r: 9, p: 1 }, { N: 2 ** 14, r: 8, p: 3 }, { N: 2 ** 14, r: 0, p: 1 }, { N: 2 ** 14, r: 8, p: 1.5 },
      { N: 2 ** 13, r: 8, p: 1 }, { N: '16384', r: 8, p: 1 }, null, 'x', {},
    ]) {
      expect(scryptParamsAllowed(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('admit a cheaper cost only when asked through code, and never one above the limits', () => {
    // The test helpers admitted TEST_SCRYPT (helpers/core.ts); 2^11 nobody did.
    expect(scryptParamsAllowed(TEST_SCRYPT)).toBe(true);
    expect(scryptParamsAllowed({ N: 2 ** 11, r: 8, p: 1 })).toBe(false);
    expect(() => admitScryptParams({ N: 2 ** 20, r: 16, p: 4 })).toThrow(RangeError);
    expect(() => admitScryptParams({ N: 2 ** 14, r: 8, p: 3 })).toThrow(RangeError);
    expect(scryptParamsAllowed({ N: 2 ** 20, r: 16, p: 4 })).toBe(false);
  });

  it('an out-of-bounds cost in a wrap is KEYFILE_DAMAGED before any derivation, not a wrong passphrase', async () => {
    const wrapped: WrappedKey = {
      kdf: 'scrypt', salt: randomBytes(16).toString('base64'), iv: randomBytes(12).toString('base64'),
      tag: randomBytes(16).toString('base64'), ciphertext: randomBytes(32).toString('base64'), params: { N: 2 ** 20, r: 16, p: 4 },
    };
    const started = performance.now();
    await expectAppError(unwrapWithPassphrase(wrapped, PASSPHRASE, 'aad'), 'KEYFILE_DAMAGED');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('the derivation itself refuses more than 128 MiB, whoever calls it', async () => {
    const started = performance.now();
    await expect(derivePassphraseKey(PASSPHRASE, randomBytes(16), { N: 2 ** 20, r: 16, p: 1 })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('the vault key file is checked against what the app writes', () => {
  const cases: [string, (json: Json) => void][] = [
    ['scrypt N = 2^30', (json) => { json.wraps.passphrase!.params = { N: 2 ** 30, r: 8, p: 1 }; }],
    ['scrypt N = 2^20, r = 16, p = 4', (json) => { json.wraps.passphrase!.params = { N: 2 ** 20, r: 16, p: 4 }; }],
    ['scrypt N = 2^18', (json) => { json.wraps.passphrase!.params = { N: 2 ** 18, r: 8, p: 1 }; }],
    ['scrypt p = 4', (json) => { json.wraps.passphrase!.params = { N: 2 ** 14, r: 8, p: 4 }; }],
    ['no scrypt cost', (json) => { delete json.wraps.passphrase!.params; }],
    ['a zero-length salt', (json) => { json.wraps.passphrase!.salt = ''; }],
    ['a 15-byte salt', (json) => { json.wraps.passphrase!.salt = randomBytes(15).toString('base64'); }],
    ['an 11-byte iv', (json) => { json.wraps.passphrase!.iv = randomBytes(11).toString('base64'); }],
    ['a 4-byte tag', (json) => { json.wraps.passphrase!.tag = randomBytes(4).toString('base64'); }],
    ['a 31-byte wrapped key', (json) => { json.wraps.passphrase!.ciphertext = randomBytes(31).toString('base64'); }],
    ['a recovery salt of 0 bytes', (json) => { json.wraps.recovery!.salt = ''; }],
    ['a recovery iv of 16 bytes', (json) => { json.wraps.recovery!.iv = randomBytes(16).toString('base64'); }],
    ['the slots swapped', (json) => { [json.wraps.passphrase, json.wraps.recovery] = [json.wraps.recovery!, json.wraps.passphrase!]; }],
    ['base64 with spaces', (json) => { json.wraps.passphrase!.salt = ` ${String(json.wraps.passphrase!.salt)}`; }],
    ['a device wrap with a salt', (json) => { json.wraps.device = { kdf: 'os', salt: 'AAAA', iv: '', tag: '', ciphertext: 'AAAA' }; }],
    ['an unknown slot', (json) => { json.wraps.extra = { ...json.wraps.recovery }; }],
    ['version 0', (json) => { json.version = 0; }],
    ['a huge createdAt', (json) => { json.createdAt = 'x'.repeat(100_000); }],
  ];

  it.each(cases)('%s → KEYFILE_DAMAGED, quickly, and not counted as a wrong guess', async (_name, edit) => {
    const { vault, keyPath, recoveryKey } = await lockedVault();
    const original = readFileSync(keyPath, 'utf8');
    const json = JSON.parse(original) as Json;
    edit(json);
    writeFileSync(keyPath, JSON.stringify(json));
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const started = performance.now();
      await expectAppError(vault.unlock(PASSPHRASE), 'KEYFILE_DAMAGED');
      expect(performance.now() - started).toBeLessThan(200);
    }
    await expectAppError(vault.unlockWithRecoveryKey(recoveryKey, OTHER_PASSPHRASE), 'KEYFILE_DAMAGED');
    // Damage is not a wrong guess: the throttle did not move.
    expect(await vault.retryAfterMs()).toBe(0);
    writeFileSync(keyPath, original);
    await vault.unlock(PASSPHRASE);
    expect(vault.isUnlocked).toBe(true);
  });

  it('a key file larger than the bound is refused without being read', async () => {
    const { vault, keyPath } = await lockedVault();
    const json = JSON.parse(readFileSync(keyPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(keyPath, JSON.stringify({ ...json, pad: 'x'.repeat(300 * 1024) }));
    await expectAppError(vault.unlock(PASSPHRASE), 'KEYFILE_DAMAGED');
    expect(await vault.retryAfterMs()).toBe(0);
  });
});
