import { AppError } from '../../shared/errors';
import type { DeviceKeyProtector } from '../core/vault/deviceProtector';

/** safeStorage answers at once; this is what the main process answers the host's calls with. */
export interface SyncDeviceKeyProtector extends DeviceKeyProtector {
  encrypt(data: Buffer): Buffer;
  decrypt(data: Buffer): Buffer;
}

/** The part of Electron's safeStorage this app uses; tests pass a fake keychain. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron; never called elsewhere. */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * Device unlock through the OS keychain. Linux's `basic_text` backend "encrypts" with a
 * hard-coded password, which would let anyone with the files open the vault: it counts as
 * unavailable, so the core refuses to store a device-wrapped key at all.
 */
export function createSafeStorageProtector(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): SyncDeviceKeyProtector {
  const isAvailable = (): boolean => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  };
  const requireAvailable = (): void => {
    if (!isAvailable()) throw new AppError('DEVICE_UNLOCK_UNAVAILABLE');
  };
  // safeStorage works on strings; base64 carries the binary key through losslessly.
  return {
    isAvailable,
    encrypt(data: Buffer): Buffer {
      requireAvailable();
      return safeStorage.encryptString(data.toString('base64'));
    },
    decrypt(data: Buffer): Buffer {
      requireAvailable();
      return Buffer.from(safeStorage.decryptString(data), 'base64');
    },
  };
}
