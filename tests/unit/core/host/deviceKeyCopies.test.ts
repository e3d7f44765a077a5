import { afterEach, describe, expect, it } from 'vitest';
import { HostClient } from '../../../../electron/core/host/hostClient';
import type { DeviceKeyProtector } from '../../../../electron/core/vault/deviceProtector';
import { createApi, createClient } from '../../../../shared/api';
import { forkNodeHost } from '../../../harness/nodeHost';
import { FakeDeviceProtector, PASSPHRASE, TEST_SCRYPT } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

// The keychain lives in the Electron main process; the host sends it the data key to wrap
// (device.encrypt) and gets it back to unlock (device.decrypt). The main process's own copies
// of the key (the message it received, what the keychain returned) are zeroed once answered.

const clients: HostClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

const zeroed = (buffer: Uint8Array) => buffer.length > 0 && buffer.every((byte) => byte === 0);

describe('device-unlock key copies in the process that answers the keychain calls', () => {
  it('are zeroed after encrypt (its input) and after decrypt (its output)', async () => {
    const fake = new FakeDeviceProtector();
    const given: Buffer[] = [];
    const returned: Buffer[] = [];
    const device: DeviceKeyProtector = {
      isAvailable: () => true,
      encrypt: (data) => {
        given.push(data);
        return fake.encrypt(data);
      },
      decrypt: (data) => {
        const key = fake.decrypt(data);
        returned.push(key);
        return key;
      },
    };
    const client = new HostClient({
      spawn: forkNodeHost,
      config: { dataDir: tempDir(), appVersion: '0.0.0-test', deviceAvailable: true, validateResponses: true, scryptParams: TEST_SCRYPT },
      services: { saveTarget: { choose: async () => null }, folderPicker: { chooseFolder: async () => null }, device },
      onEvent: () => undefined,
    });
    clients.push(client);
    const api = createClient(createApi((channel, request) => client.dispatch(channel, request)));
    await api.vault.create({ passphrase: PASSPHRASE });
    await api.vault.setDeviceUnlock({ enabled: true, passphrase: PASSPHRASE });
    await api.vault.lock();
    await api.vault.unlockWithDevice();
    expect((await api.vault.status()).state).toBe('unlocked');
    expect(given).toHaveLength(1);
    expect(returned).toHaveLength(1);
    expect(zeroed(given[0]!)).toBe(true);
    expect(zeroed(returned[0]!)).toBe(true);
  }, 30_000);
});
