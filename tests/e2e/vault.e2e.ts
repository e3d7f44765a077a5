import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePendingVault } from '../unit/core/pendingMigrationVault';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { type App, FAST_KDF, hook, openApp, openUnlockedApp, PASSPHRASE } from './fixtures';

const nl = catalogs.nl;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

describe('creating the vault', () => {
  it('keeps a weak passphrase from being used and says why, in Dutch', async () => {
    app = await openApp();
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase('welkom123');
    await expect.poll(() => app!.page.locator('.strength-text').textContent()).toContain(nl.vault.strength['1']);
    expect(await app.page.getByRole('button', { name: nl.vault.create }).isDisabled()).toBe(true);
  });

  it('says when the two passphrases differ', async () => {
    app = await openApp();
    await app.vault.waitForCreate();
    await app.page.getByLabel(nl.vault.passphrase, { exact: true }).fill(PASSPHRASE);
    await app.page.getByLabel(nl.vault.passphraseRepeat, { exact: true }).fill(`${PASSPHRASE}x`);
    await app.page.getByText(nl.vault.mismatch).waitFor();
    expect(await app.page.getByRole('button', { name: nl.vault.create }).isDisabled()).toBe(true);
  });

  it('shows the recovery key once and lands on an empty student list that says what to do', async () => {
    app = await openUnlockedApp();
    await app.page.getByRole('heading', { name: nl.students.emptyTitle }).waitFor();
    expect(await app.harness.backend.dispatch('vault:status', {})).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  });
});

describe('unlocking', () => {
  it('refuses a wrong passphrase with a translated message and accepts the right one', async () => {
    app = await openUnlockedApp();
    await app.vault.lock();
    await app.vault.unlock('verkeerde wachtzin hier');
    expect(await app.vault.unlockError()).toBe(nl.errors.WRONG_PASSPHRASE);
    await app.vault.unlock(PASSPHRASE);
    await app.students.waitForList();
  });

  it('makes the mentor wait after repeated wrong passphrases', async () => {
    app = await openUnlockedApp();
    await app.vault.lock();
    for (let attempt = 0; attempt < 3; attempt++) {
      await app.vault.unlock(`fout ${attempt} fout fout`);
      await app.vault.unlockError();
    }
    await app.page.getByText(/Probeer het over (1 seconde|\d+ seconden) opnieuw\./).first().waitFor();
    expect(await app.page.getByRole('button', { name: nl.vault.unlock, exact: true }).isDisabled()).toBe(true);
  });

  it('lets the mentor in with the recovery key and a new passphrase', async () => {
    const created = await openUnlockedApp();
    app = created;
    await app.vault.lock();
    await app.page.getByRole('button', { name: nl.vault.useRecoveryKey }).click();
    await app.page.getByLabel(nl.vault.recoveryKey).fill(created.recoveryKey.toLowerCase().replace(/-/g, ' '));
    await app.page.getByLabel(nl.vault.newPassphrase, { exact: true }).fill('zeilboot pannenkoek winter lamp');
    await app.page.locator('.strength-text').waitFor();
    await app.page.getByRole('button', { name: nl.vault.recoverAndUnlock }).click();
    await app.students.waitForList();
    await app.vault.lock();
    await app.vault.unlock(PASSPHRASE);
    expect(await app.vault.unlockError()).toBe(nl.errors.WRONG_PASSPHRASE);
  });
});

describe('locking', () => {
  it('leaves no decrypted data in the page and the backend answers VAULT_LOCKED', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Noor Bakker', schoolType: 'havo' });
    await app.vault.lock();
    expect(await app.page.content()).not.toContain('Noor Bakker');
    const result = await app.page.evaluate(() => window.api!.students.list({}));
    expect(result).toEqual({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });

  it('locks by itself after the idle time and says so', async () => {
    app = await openUnlockedApp();
    await app.harness.backend.dispatch('settings:update', { autoLockMinutes: 1 });
    // Fake time from page load on, so the idle timer runs on the fake clock.
    await app.page.clock.install();
    await app.page.reload();
    await app.students.waitForList();
    await app.page.clock.runFor(70_000);
    await app.page.getByText(nl.vault.autoLockedNotice).waitFor();
    expect(await app.harness.backend.dispatch('vault:status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
  });

  it('shows a clear screen when the backend host dies, and a fresh host unlocks with the data kept', async () => {
    app = await openUnlockedApp();
    await app.students.add({ displayName: 'Noor Bakker', schoolType: 'havo' });
    app.harness.backend.killHost();
    await app.page.getByText(nl.errors.HOST_DOWN).waitFor();
    expect(await app.page.content()).not.toContain('Noor Bakker');
    await app.vault.unlock(PASSPHRASE);
    await app.page.getByText('Noor Bakker').waitFor();
    expect(app.harness.events.map((event) => event.name)).toContain('host:down');
  });

  it('notices when the backend locked on its own and shows the unlock screen', async () => {
    app = await openUnlockedApp();
    await app.page.clock.install();
    await app.page.reload();
    await app.students.waitForList();
    // The host locks by itself (as its idle timer would) and says so with an event; no poll.
    app.harness.backend.test('lock');
    await app.page.getByText(nl.vault.autoLockedNotice).waitFor();
    expect(await app.page.getByRole('heading', { name: nl.vault.unlockTitle }).isVisible()).toBe(true);
  });
});

describe('a vault that needs updating at unlock', () => {
  it('shows the update moving on the unlock screen and then opens the vault', async () => {
    const root = await mkdtemp(join(tmpdir(), 'loopbaandialoog-pending-'));
    const profileDir = join(root, 'profile');
    // An older vault: the index rebuild of migration 0004 is still to do, for 1,500 dialogues.
    await makePendingVault(join(profileDir, 'vault'), { students: 50, dialoguesPerStudent: 30, wordsPerDialogue: 300 }, PASSPHRASE, FAST_KDF.backend!.scryptParams!);
    app = await openApp({ ...FAST_KDF, profileDir });
    await app.vault.waitForUnlock();
    await app.vault.unlock(PASSPHRASE);
    const bar = app.page.getByRole('progressbar');
    await bar.waitFor();
    expect(await app.page.getByText(/Je gegevens worden bijgewerkt voor deze versie van de app \(\d+%\)/).isVisible()).toBe(true);
    await app.students.waitForList();
    expect(app.harness.events.filter((event) => event.name === 'vault:migrationProgress').length).toBeGreaterThan(3);
  }, 120_000);
});

describe('language', () => {
  it('switches the unlock screen to English and remembers it after a reload', async () => {
    app = await openUnlockedApp();
    await app.vault.lock();
    await app.vault.switchLanguage('en');
    await app.page.getByRole('heading', { name: catalogs.en.vault.unlockTitle }).waitFor();
    await app.page.reload();
    await app.page.getByRole('heading', { name: catalogs.en.vault.unlockTitle }).waitFor();
    expect(await app.page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});

describe('unlocking with the device', () => {
  it('offers the switch only where the OS protects keys, and then unlocks without the passphrase', async () => {
    // The host loads a stand-in for Electron safeStorage: reversible, and reports itself available.
    app = await openApp({ ...FAST_KDF, backend: { ...FAST_KDF.backend, testHooks: hook('fakeDevice') } });
    await app.vault.waitForCreate();
    await app.vault.typeNewPassphrase(PASSPHRASE);
    await app.vault.submitCreate();
    await app.vault.confirmRecoveryKey();
    await app.page.getByRole('button', { name: nl.nav.settings }).click();
    await app.page.getByLabel(nl.settings.deviceUnlock).click();
    // Turning it on asks for the passphrase (issue 14): a wrong one is refused, nothing turns on.
    const confirm = app.page.getByRole('dialog');
    await confirm.getByLabel(nl.keySafety.device.passphrase, { exact: true }).fill('niet mijn wachtzin hoor');
    await confirm.getByRole('button', { name: nl.keySafety.device.turnOn }).click();
    await confirm.getByText(nl.errors.WRONG_PASSPHRASE).waitFor();
    expect(await app.harness.backend.dispatch('vault:status', {})).toMatchObject({ value: { deviceUnlockEnabled: false } });
    await confirm.getByLabel(nl.keySafety.device.passphrase, { exact: true }).fill(PASSPHRASE);
    await confirm.getByRole('button', { name: nl.keySafety.device.turnOn }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await app.page.getByLabel(nl.settings.deviceUnlock).isChecked()).toBe(true);
    await expect.poll(async () => (await app!.harness.backend.dispatch('vault:status', {})) as unknown).toMatchObject({ value: { deviceUnlockEnabled: true } });
    await app.vault.lock();
    await app.page.getByRole('button', { name: nl.vault.unlockWithDevice }).click();
    // Back where the mentor locked: the settings screen.
    await app.page.getByRole('heading', { name: nl.nav.settings, level: 1 }).waitFor();
  });

  it('does not show the switch when the OS offers no protection', async () => {
    app = await openUnlockedApp();
    await app.page.getByRole('button', { name: nl.nav.settings }).click();
    await app.page.getByRole('heading', { name: nl.settings.security }).waitFor();
    expect(await app.page.getByLabel(nl.settings.deviceUnlock).count()).toBe(0);
  });
});
