import type { HandlerGroup } from './context';

const OK = { ok: true } as const;

export const vaultHandlers: HandlerGroup<'vault'> = {
  'vault:status': async (_request, { vault, preferences }) => ({
    state: vault.isUnlocked ? 'unlocked' : (await vault.exists()) ? 'locked' : 'none',
    retryAfterMs: await vault.retryAfterMs(),
    deviceUnlockAvailable: vault.deviceUnlockAvailable(),
    deviceUnlockEnabled: await vault.deviceUnlockEnabled(),
    language: await preferences.language(),
  }),
  'vault:create': async ({ passphrase }, { vault, preferences }) => {
    const language = await preferences.language();
    const result = await vault.create(passphrase, language);
    // The folder exists now: persist the language chosen before the vault was made.
    await preferences.setLanguage(language);
    return result;
  },
  'vault:unlock': async ({ passphrase }, { vault }) => {
    await vault.unlock(passphrase);
    return OK;
  },
  'vault:unlockWithRecoveryKey': async ({ recoveryKey, newPassphrase }, { vault, preferences }) => {
    await vault.unlockWithRecoveryKey(recoveryKey, newPassphrase, await preferences.language());
    return OK;
  },
  'vault:unlockWithDevice': async (_request, { vault }) => {
    await vault.unlockWithDevice();
    return OK;
  },
  'vault:setDeviceUnlock': async ({ enabled }, { vault }) => {
    await vault.setDeviceUnlock(enabled);
    return OK;
  },
  'vault:changePassphrase': async ({ currentPassphrase, newPassphrase }, { vault, preferences }) => {
    await vault.changePassphrase(currentPassphrase, newPassphrase, await preferences.language());
    return OK;
  },
  'vault:rotateKey': async ({ passphrase }, { vault }) => vault.rotateKey(passphrase),
  'vault:lock': (_request, { vault }) => {
    vault.lock();
    return OK;
  },
};
