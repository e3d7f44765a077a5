import { AppError } from '../../../shared/errors';
import type { BackupService } from '../backup/backupService';
import type { HandlerContext, HandlerGroup } from './context';

function backups(ctx: HandlerContext): BackupService {
  // Every Backend builds one; only a hand-made test context can lack it.
  if (!ctx.backups) throw new AppError('INTERNAL');
  return ctx.backups;
}

const OK = { ok: true } as const;

export const vaultHandlers: HandlerGroup<'vault'> = {
  'vault:status': async (_request, { vault, preferences }) => ({
    state: vault.isUnlocked ? 'unlocked' : (await vault.exists()) ? 'locked' : 'none',
    retryAfterMs: await vault.retryAfterMs(),
    deviceUnlockAvailable: vault.deviceUnlockAvailable(),
    deviceUnlockEnabled: await vault.deviceUnlockEnabled(),
    language: await preferences.language(),
    diskFull: vault.recheckDiskFull(),
  }),
  'vault:create': async ({ passphrase }, { vault, preferences }) => {
    const language = await preferences.language();
    const result = await vault.create(passphrase, language);
    // The folder exists now: persist the language chosen before the vault was made.
    await preferences.setLanguage(language);
    return result;
  },
  'vault:unlock': async ({ passphrase, fromCopy }, { vault }) => {
    await vault.unlock(passphrase, fromCopy ?? false);
    return OK;
  },
  'vault:unlockWithRecoveryKey': async ({ recoveryKey, newPassphrase, fromCopy }, { vault, preferences }) => {
    await vault.unlockWithRecoveryKey(recoveryKey, newPassphrase, await preferences.language(), fromCopy ?? false);
    return OK;
  },
  'vault:unlockWithDevice': async (_request, { vault }) => {
    await vault.unlockWithDevice();
    return OK;
  },
  'vault:setDeviceUnlock': async ({ enabled, passphrase }, { vault }) => {
    await vault.setDeviceUnlock(enabled, passphrase);
    return OK;
  },
  'vault:changePassphrase': async ({ currentPassphrase, newPassphrase }, ctx) => {
    await ctx.vault.changePassphrase(currentPassphrase, newPassphrase, await ctx.preferences.language());
    // The backups in the folder follow (issue 14); a failure there does not undo the change.
    const backups = ctx.backups ? await ctx.backups.rewrapAfterPassphraseChange(newPassphrase).catch(() => ({ rewrapped: 0, failed: [] as string[] })) : { rewrapped: 0, failed: [] };
    return { ok: true as const, backups };
  },
  'vault:rotateKey': async ({ passphrase }, ctx) => {
    const { recoveryKey } = await ctx.vault.rotateKey(passphrase);
    // Backups made so far are under the old key; one under the new key follows at once (ADR 0007).
    const after = ctx.backups ? await ctx.backups.backupAfterKeyChange() : { backup: null, backupError: 'INTERNAL' as const };
    return { recoveryKey, ...after };
  },
  'vault:pickBackup': ({ fileName }, ctx) => backups(ctx).pickFile(fileName),
  'vault:restoreFromBackup': async (request, ctx) => {
    const language = await ctx.preferences.language();
    const secret = request.method === 'passphrase'
      ? { method: 'passphrase' as const, passphrase: request.passphrase }
      : { method: 'recoveryKey' as const, recoveryKey: request.recoveryKey, newPassphrase: request.newPassphrase };
    const result = await backups(ctx).restoreFile(request.token, secret, request.replaceCurrent, language);
    // On a new computer the folder exists only now: keep the language chosen before the restore.
    await ctx.preferences.setLanguage(language);
    return result;
  },
  'vault:lock': (_request, { vault }) => {
    vault.lock();
    return OK;
  },
};
