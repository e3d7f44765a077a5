import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS } from '../../../electron/core/vault/unlockThrottle';
import { THROTTLE_FILE, THROTTLE_MIRROR_FILE, Vault } from '../../../electron/core/vault/vault';
import { AppError } from '../../../shared/errors';
import { expectAppError, makeVault, OTHER_PASSPHRASE, PASSPHRASE, TEST_SCRYPT, THIRD_PASSPHRASE } from '../helpers/core';

async function lockedVault() {
  const made = makeVault();
  await made.vault.create(PASSPHRASE);
  made.vault.lock();
  return made;
}

const codeOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));

describe('a throttle that holds', () => {
  it('keeps counting when one of its two files is deleted between tries', async () => {
    const { vault, dir, clock } = await lockedVault();
    for (let i = 0; i < FREE_ATTEMPTS; i++) await expectAppError(vault.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    unlinkSync(join(dir, THROTTLE_FILE));
    // A restart after deleting the attempt file: the mirror still has the count.
    const restarted = new Vault({ dataDir: dir, appVersion: 't', now: clock.now, scryptParams: TEST_SCRYPT });
    expect(await restarted.retryAfterMs()).toBe(1000);
    await expectAppError(restarted.unlock(PASSPHRASE), 'UNLOCK_THROTTLED');
    // The next counted failure writes both files again; now the other one goes.
    clock.advance(1000);
    await expectAppError(restarted.unlock(OTHER_PASSPHRASE), 'WRONG_PASSPHRASE');
    unlinkSync(join(dir, THROTTLE_MIRROR_FILE));
    const again = new Vault({ dataDir: dir, appVersion: 't', now: clock.now, scryptParams: TEST_SCRYPT });
    expect(await again.retryAfterMs()).toBe(2000);
  });

  it('serialises parallel unlock requests: fifty at once are fifty tries in a row, not fifty against a fresh count', async () => {
    const { vault } = await lockedVault();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => vault.unlock(OTHER_PASSPHRASE).then(() => 'ok', codeOf)));
    expect(outcomes.filter((code) => code === 'WRONG_PASSPHRASE')).toHaveLength(FREE_ATTEMPTS);
    expect(outcomes.filter((code) => code === 'UNLOCK_THROTTLED')).toHaveLength(50 - FREE_ATTEMPTS);
  });

  it('guards passphrase change and key rotation with the same count', async () => {
    const { vault, clock } = await lockedVault();
    await vault.unlock(PASSPHRASE);
    for (let i = 0; i < FREE_ATTEMPTS; i++) await expectAppError(vault.changePassphrase(OTHER_PASSPHRASE, THIRD_PASSPHRASE), 'WRONG_PASSPHRASE');
    // Even the right passphrase waits now, for either action.
    await expectAppError(vault.changePassphrase(PASSPHRASE, THIRD_PASSPHRASE), 'UNLOCK_THROTTLED');
    await expectAppError(vault.rotateKey(PASSPHRASE), 'UNLOCK_THROTTLED');
    clock.advance(1000);
    await vault.changePassphrase(PASSPHRASE, THIRD_PASSPHRASE);
    // A success resets the count: three free tries again.
    expect(await vault.retryAfterMs()).toBe(0);
  });
});
