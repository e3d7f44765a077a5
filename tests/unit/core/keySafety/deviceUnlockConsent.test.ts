import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/repositories/auditRepository';
import { readKeyFile } from '../../../../electron/core/vault/keyFile';
import { nodeFileOps } from '../../../../electron/core/vault/fileOps';
import { VAULT_KEY_FILE } from '../../../../electron/core/vault/vault';
import { FakeDeviceProtector, OTHER_PASSPHRASE, PASSPHRASE, makeUnlockedBackend } from '../../helpers/core';

describe('device unlock needs the passphrase to turn on (issue 14)', () => {
  it('refuses without a passphrase or with a wrong one (counted by the throttle), and turns on with the right one', async () => {
    const device = new FakeDeviceProtector(true);
    const { backend, api, dir, clock } = await makeUnlockedBackend({ device });
    const deviceWrap = async () => (await readKeyFile(nodeFileOps, join(dir, VAULT_KEY_FILE))).wraps.device;

    await expect(api.vault.setDeviceUnlock({ enabled: true })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(api.vault.setDeviceUnlock({ enabled: true, passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(await deviceWrap()).toBeUndefined();
    // Guesses here count like wrong unlocks: after the free attempts, the throttle answers.
    await expect(api.vault.setDeviceUnlock({ enabled: true, passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(api.vault.setDeviceUnlock({ enabled: true, passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await expect(api.vault.setDeviceUnlock({ enabled: true, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'UNLOCK_THROTTLED' });
    expect(await deviceWrap()).toBeUndefined();
    clock.advance(60_000);

    await api.vault.setDeviceUnlock({ enabled: true, passphrase: PASSPHRASE });
    expect((await deviceWrap())?.kdf).toBe('os');
    await api.vault.setDeviceUnlock({ enabled: false });
    expect(await deviceWrap()).toBeUndefined();

    const events = listAudit(backend.vault.database()).filter((event) => event.kind.startsWith('vault.device_unlock'));
    // Newest first; no secret of any kind in the detail.
    expect(events).toEqual([
      expect.objectContaining({ kind: 'vault.device_unlock_disabled', detail: {} }),
      expect.objectContaining({ kind: 'vault.device_unlock_enabled', detail: {} }),
    ]);
  });
});
