import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { type App, FAST_KDF, openApp, PASSPHRASE } from './fixtures';

/**
 * A school policy file in the harness's profile, read by the backend host at start: it sets the
 * school name and locks the retention period; the settings say "Ingesteld door je school" and
 * the locked controls cannot be used. A broken file is explained and the app runs on.
 */
const nl = catalogs.nl;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

async function openWithPolicy(policy: object | string): Promise<App> {
  const opened = await openApp({ ...FAST_KDF, policy });
  await opened.vault.waitForCreate();
  return opened;
}

async function createVault(opened: App): Promise<void> {
  await opened.vault.typeNewPassphrase(PASSPHRASE);
  await opened.vault.submitCreate();
  await opened.vault.confirmRecoveryKey();
  await opened.students.waitForList();
  await opened.page.getByRole('button', { name: nl.nav.settings }).click();
}

describe('a school policy file', () => {
  it('sets the school name and locks the retention period, shown as set by the school', async () => {
    app = await openWithPolicy({
      schoolName: 'Vakcollege De Delta', retentionYears: 3, autoLockMinutes: 15, locked: ['schoolName', 'retentionYears'],
    });
    await createVault(app);
    const { page } = app;
    const schoolName = page.getByLabel(nl.settings.schoolName);
    expect(await schoolName.inputValue()).toBe('Vakcollege De Delta');
    expect(await schoolName.isDisabled()).toBe(true);
    const years = page.getByLabel(nl.safety.retention.years);
    expect(await years.inputValue()).toBe('3');
    expect(await years.isDisabled()).toBe(true);
    // Both locked controls say why, and a screen reader hears it with the field.
    expect(await page.getByText(nl.policy.setBySchool, { exact: true }).count()).toBe(2);
    expect(await years.getAttribute('aria-describedby')).toBeTruthy();
    const describedBy = (await years.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(nl.policy.setBySchool);
    // A default only: the mentor may change the automatic lock.
    const autoLock = page.getByLabel(nl.settings.autoLock);
    expect(await autoLock.inputValue()).toBe('15');
    expect(await autoLock.isDisabled()).toBe(false);
    // The backend refuses too, whatever the page sends.
    const refused = await page.evaluate(async () => {
      const api = (window as unknown as { api: { retention: { setYears(r: unknown): Promise<{ ok: boolean; error?: { code: string } }> } } }).api;
      return api.retention.setYears({ years: 8 });
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_LOCKED' } });
  });

  it('explains a file that is not JSON on the first screen and in the settings, and the app runs on its defaults', async () => {
    app = await openWithPolicy('{ "schoolName": "Vakcollege De Delta", ');
    const { page } = app;
    await page.getByText(nl.policy.invalidTitle).waitFor();
    await page.getByText(nl.policy.problems.not_json).waitFor();
    await createVault(app);
    await page.getByText(nl.policy.problems.not_json).waitFor();
    const schoolName = page.getByLabel(nl.settings.schoolName);
    expect(await schoolName.inputValue()).toBe('');
    expect(await schoolName.isDisabled()).toBe(false);
    expect(await page.getByText(nl.policy.setBySchool, { exact: true }).count()).toBe(0);
  });
});
