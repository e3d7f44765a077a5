import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { RestorePages } from '../harness/pages/RestorePages';
import { type App, openApp, openUnlockedApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.harness.close();
});

/** The old laptop: a student, and one backup made from the settings screen. */
async function laptopWithBackup(): Promise<{ backupPath: string; recoveryKey: string }> {
  const app = await openUnlockedApp();
  apps.push(app);
  await app.students.add({ displayName: 'Noor van de Oude Laptop', schoolType: 'havo' });
  await app.page.getByRole('button', { name: nl.nav.settings }).click();
  await app.page.getByRole('button', { name: nl.safety.backups.chooseFolder }).click();
  await app.page.getByRole('button', { name: nl.safety.backups.runNow }).click();
  await app.page.getByText(/Back-up gemaakt en gecontroleerd/).waitFor({ timeout: 60_000 });
  const name = (await readdir(app.harness.backupsDir)).find((file) => file.endsWith('.lbdbackup'))!;
  return { backupPath: join(app.harness.backupsDir, name), recoveryKey: app.recoveryKey };
}

describe('restoring on a new computer', () => {
  it('from the first screen: picks the backup, names a wrong passphrase, restores with the right one, unlocks later', async () => {
    const { backupPath } = await laptopWithBackup();

    const fresh = await openApp();
    apps.push(fresh);
    const restore = new RestorePages(fresh.harness);
    await fresh.vault.waitForCreate();
    await restore.open();
    expect(await a11yViolations(fresh.page)).toEqual([]);
    await restore.pick(backupPath);
    const picked = await fresh.page.getByTestId('picked-backup').textContent();
    expect(picked).toContain('1 leerling,');
    // A new computer: nothing to replace, so no confirmation is asked.
    expect(await fresh.page.getByLabel(nl.restore.replaceConfirm).count()).toBe(0);
    expect(await a11yViolations(fresh.page)).toEqual([]);

    await restore.withPassphrase('dit was nooit de wachtzin');
    await fresh.page.getByText(nl.errors.BACKUP_WRONG_PASSPHRASE).waitFor();
    expect(await readdir(fresh.harness.dataDir).catch(() => [])).not.toContain('vault.key');

    await restore.withPassphrase(PASSPHRASE);
    await restore.waitDone();
    await fresh.page.getByText(/1 leerling, 0 gesprekken/).waitFor();
    await restore.continue();
    await fresh.students.waitForList();
    // The list loads after its heading: wait for the row before reading the names.
    await fresh.page.getByRole('button', { name: 'Noor van de Oude Laptop', exact: true }).waitFor();
    expect(await fresh.students.names()).toEqual(['Noor van de Oude Laptop']);

    await fresh.vault.lock();
    await fresh.vault.unlock(PASSPHRASE);
    await fresh.page.getByRole('button', { name: 'Noor van de Oude Laptop', exact: true }).waitFor();
    expect(await fresh.students.names()).toEqual(['Noor van de Oude Laptop']);
  });

  it('from the unlock screen over a vault made here by mistake, with the recovery key, after confirming', async () => {
    const { backupPath, recoveryKey } = await laptopWithBackup();

    const mistaken = await openUnlockedApp();
    apps.push(mistaken);
    await mistaken.students.add({ displayName: 'Per Ongeluk Hier', schoolType: 'vwo' });
    await mistaken.vault.lock();
    const restore = new RestorePages(mistaken.harness);
    await restore.open();
    await restore.pick(backupPath);
    await mistaken.page.getByText(nl.restore.replaceWarning).waitFor();
    const submit = mistaken.page.getByRole('button', { name: nl.restore.submit });
    await mistaken.page.getByRole('radio', { name: nl.restore.useRecoveryKey }).check();
    await mistaken.page.getByLabel(nl.restore.recoveryKey, { exact: true }).fill(recoveryKey);
    await mistaken.page.getByLabel(nl.restore.newPassphrase, { exact: true }).fill('nieuwe wachtzin op de nieuwe laptop');
    await mistaken.page.locator('.strength-text').waitFor();
    expect(await submit.isDisabled()).toBe(true);
    await mistaken.page.getByLabel(nl.restore.replaceConfirm).check();
    await submit.click();
    await restore.waitDone();
    await mistaken.page.getByText(nl.restore.doneAside).waitFor();
    await restore.continue();
    await mistaken.students.waitForList();
    await mistaken.page.getByRole('button', { name: 'Noor van de Oude Laptop', exact: true }).waitFor();
    expect(await mistaken.students.names()).toEqual(['Noor van de Oude Laptop']);
    // The vault that was here is set aside, listed in settings.
    await mistaken.page.getByRole('button', { name: nl.nav.settings }).click();
    await mistaken.page.getByTestId('set-aside-list').getByText(nl.restore.setAside.undoLocks).waitFor();
  });
});
