import { afterEach, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { type App, openApp, openUnlockedApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

it('has no axe violations of any impact on the vault screens', async () => {
  app = await openApp();
  await app.vault.waitForCreate();
  await app.vault.typeNewPassphrase(PASSPHRASE);
  expect(await a11yViolations(app.page)).toEqual([]);
  await app.vault.submitCreate();
  expect(await a11yViolations(app.page)).toEqual([]);
  await app.vault.confirmRecoveryKey();
  await app.vault.lock();
  expect(await a11yViolations(app.page)).toEqual([]);
});

it('has no axe violations of any impact on the student list, its dialog and settings', async () => {
  app = await openUnlockedApp();
  expect(await a11yViolations(app.page)).toEqual([]);
  await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
  expect(await a11yViolations(app.page)).toEqual([]);
  await app.students.openAddDialog();
  expect(await a11yViolations(app.page)).toEqual([]);
  await app.page.keyboard.press('Escape');
  await app.page.getByRole('button', { name: nl.nav.settings }).click();
  expect(await a11yViolations(app.page)).toEqual([]);
});
