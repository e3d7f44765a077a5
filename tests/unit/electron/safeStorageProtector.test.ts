import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SafeStorageLike, createSafeStorageProtector } from '../../../electron/main/safeStorageProtector';

/** A keychain stand-in: XOR with a secret is enough to prove nothing is passed through as-is. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { calls: number } {
  const secret = randomBytes(64);
  const xor = (data: Buffer) => Buffer.from(data.map((byte, i) => byte ^ secret[i % secret.length]!));
  return {
    calls: 0,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plainText) {
      this.calls++;
      return xor(Buffer.from(plainText, 'utf8'));
    },
    decryptString(encrypted) {
      this.calls++;
      return xor(encrypted).toString('utf8');
    },
  };
}

describe('createSafeStorageProtector', () => {
  it('round-trips a binary data key through a real keychain backend', () => {
    const protector = createSafeStorageProtector(fakeSafeStorage({ backend: 'kwallet6' }), 'linux');
    const key = randomBytes(32);
    const wrapped = protector.encrypt(key);
    expect(protector.isAvailable()).toBe(true);
    expect(wrapped.includes(key)).toBe(false);
    expect(protector.decrypt(wrapped).equals(key)).toBe(true);
  });

  it("refuses Linux's basic_text backend and never calls it", () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const protector = createSafeStorageProtector(storage, 'linux');
    expect(protector.isAvailable()).toBe(false);
    expect(() => protector.encrypt(randomBytes(32))).toThrow(/DEVICE_UNLOCK_UNAVAILABLE/);
    expect(() => protector.decrypt(Buffer.alloc(48))).toThrow(/DEVICE_UNLOCK_UNAVAILABLE/);
    expect(storage.calls).toBe(0);
  });

  it('ignores the Linux backend name on other platforms (macOS Keychain, Windows DPAPI)', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const protector = createSafeStorageProtector(fakeSafeStorage({ backend: 'basic_text' }), platform);
      expect(protector.isAvailable()).toBe(true);
    }
  });

  it('is unavailable when the OS offers no encryption at all', () => {
    const protector = createSafeStorageProtector(fakeSafeStorage({ available: false }), 'win32');
    expect(protector.isAvailable()).toBe(false);
    expect(() => protector.encrypt(randomBytes(32))).toThrow();
  });
});
