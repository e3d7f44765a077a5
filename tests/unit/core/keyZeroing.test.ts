import { describe, expect, it, vi } from 'vitest';
import type { DeviceKeyProtector } from '../../../electron/core/vault/deviceProtector';
import { FakeDeviceProtector, makeVault, PASSPHRASE } from '../helpers/core';

// Key material the vault no longer needs is overwritten, so it does not linger in the host's
// heap (or a crash dump) until the garbage collector gets to it. These watch the buffers the
// vault was handed and check they hold only zeros once it is done with them.

const secrets = vi.hoisted(() => ({ made: [] as Buffer[], parsed: [] as Buffer[] }));
vi.mock('../../../electron/core/vault/recoveryKey', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/vault/recoveryKey')>();
  return {
    ...real,
    newRecoverySecret: () => {
      const secret = real.newRecoverySecret();
      secrets.made.push(secret);
      return secret;
    },
    parseRecoveryKey: (text: string) => {
      const secret = real.parseRecoveryKey(text);
      if (secret) secrets.parsed.push(secret);
      return secret;
    },
  };
});

const zeroed = (buffer: Uint8Array) => buffer.length > 0 && buffer.every((byte) => byte === 0);

describe('key buffers are zeroed after use', () => {
  it('the recovery secret, once create and rotateKey have shown it as text', async () => {
    const { vault } = makeVault();
    secrets.made.length = 0;
    const { recoveryKey } = await vault.create(PASSPHRASE);
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    await vault.rotateKey(PASSPHRASE);
    expect(secrets.made).toHaveLength(2);
    expect(secrets.made.every(zeroed)).toBe(true);
  });

  it('the recovery secret parsed from what the mentor typed, after unlocking with it', async () => {
    const { vault } = makeVault();
    const { recoveryKey } = await vault.create(PASSPHRASE);
    vault.lock();
    secrets.parsed.length = 0;
    await vault.unlockWithRecoveryKey(recoveryKey, 'groene kikker zwemt in de gracht');
    expect(vault.isUnlocked).toBe(true);
    expect(secrets.parsed.length).toBeGreaterThan(0);
    expect(secrets.parsed.every(zeroed)).toBe(true);
  });

  it('what the OS keychain handed back, once the vault has its own copy', async () => {
    const returned: Buffer[] = [];
    const fake = new FakeDeviceProtector();
    const device: DeviceKeyProtector = {
      isAvailable: () => true,
      encrypt: (data) => fake.encrypt(data),
      decrypt: (data) => {
        const key = fake.decrypt(data);
        returned.push(key);
        return key;
      },
    };
    const { vault } = makeVault({ device });
    await vault.create(PASSPHRASE);
    await vault.setDeviceUnlock(true, PASSPHRASE);
    vault.lock();
    await vault.unlockWithDevice();
    expect(vault.isUnlocked).toBe(true);
    expect(returned.length).toBeGreaterThan(0);
    expect(returned.every(zeroed)).toBe(true);
  });

  it('the data key of an unlock that found the vault already unlocked', async () => {
    const unwrapped: Buffer[] = [];
    const fake = new FakeDeviceProtector();
    // The device path lets the test see the key an unlock produced before it opens anything.
    const device: DeviceKeyProtector = {
      isAvailable: () => true,
      encrypt: (data) => fake.encrypt(data),
      decrypt: (data) => fake.decrypt(data),
    };
    const { vault } = makeVault({ device });
    await vault.create(PASSPHRASE);
    await vault.setDeviceUnlock(true, PASSPHRASE);
    vault.lock();
    const realFrom = Buffer.from.bind(Buffer) as (...args: unknown[]) => Buffer;
    const spy = vi.spyOn(Buffer, 'from').mockImplementation(((...args: unknown[]) => {
      const out = realFrom(...args);
      if (out.length === 32 && args[0] instanceof Uint8Array) unwrapped.push(out);
      return out;
    }) as typeof Buffer.from);
    try {
      // Two unlocks at once: the throttle runs them one after the other, the second finds the vault open.
      await Promise.all([vault.unlockWithDevice(), vault.unlockWithDevice()]);
    } finally {
      spy.mockRestore();
    }
    expect(vault.isUnlocked).toBe(true);
    // One key is the vault's own (alive); every other copy made on the way is zeroed.
    const alive = unwrapped.filter((key) => !zeroed(key));
    expect(alive).toHaveLength(1);
    expect(unwrapped.length).toBeGreaterThan(1);
  });
});
