import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { type App, openUnlockedApp, PASSPHRASE } from './fixtures';

const nl = catalogs.nl;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

describe('hide the window while screen sharing', () => {
  it('is a checkbox in the settings that is stored in the vault and kept across a lock', async () => {
    app = await openUnlockedApp();
    await app.page.getByRole('button', { name: nl.nav.settings }).click();
    const box = app.page.getByLabel(nl.settings.hideWhileSharing);
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await expect.poll(async () => (await app!.harness.backend.dispatch('settings:get', {})) as unknown)
      .toMatchObject({ ok: true, value: { hideWhileSharing: true } });

    await app.vault.lock();
    await app.vault.unlock(PASSPHRASE);
    // Read back from the vault after the unlock, not from the page state before the lock.
    await app.page.getByRole('button', { name: nl.nav.settings }).click();
    const again = app.page.getByLabel(nl.settings.hideWhileSharing);
    await again.waitFor();
    expect(await again.isChecked()).toBe(true);
  });
});
