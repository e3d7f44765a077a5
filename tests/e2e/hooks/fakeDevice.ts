import type { BackendOptions } from '../../../electron/core/backend';

/** Loaded by the backend host (from sources only): a stand-in for Electron safeStorage, reversible and available. */
const hooks: Partial<BackendOptions> = {
  device: {
    isAvailable: () => true,
    encrypt: (data: Buffer) => Buffer.concat([Buffer.from('dev:'), Buffer.from(data).reverse()]),
    decrypt: (data: Buffer) => Buffer.from(data.subarray(4)).reverse(),
  },
};
export default hooks;
