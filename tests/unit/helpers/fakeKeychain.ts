import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A stand-in for the OS keychain (safeStorage): real encryption under a key only this process holds. */
export function fakeKeychain(available = true) {
  const key = randomBytes(32);
  return {
    isAvailable: () => available,
    encrypt(data: Buffer): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(data), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data: Buffer): Buffer {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12), { authTagLength: 16 });
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
    },
  };
}
