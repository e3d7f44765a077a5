import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { type App, openUnlockedApp } from './fixtures';

const nl = catalogs.nl;
let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

describe('backup status in the sidebar', () => {
  it('nudges on every screen while no backup folder is chosen, leads to settings, and turns quiet after a backup', async () => {
    app = await openUnlockedApp();
    const sidebar = app.page.locator('.sidebar');
    await sidebar.getByText(nl.backupStatus.noFolder).waitFor();
    await sidebar.getByRole('button', { name: nl.backupStatus.action }).click();
    await app.page.getByRole('heading', { name: nl.nav.settings, level: 1 }).waitFor();
    // Choosing the folder (the harness answers the dialog) and making a backup through the contract.
    await app.harness.backend.dispatch('backups:chooseFolder', {});
    expect(await app.harness.backend.dispatch('backups:run', {})).toMatchObject({ ok: true });
    // The backend's backup:finished event refreshes the note without a reload.
    await sidebar.getByText(nl.backupStatus.okToday).waitFor();
    expect(await sidebar.getByRole('button', { name: nl.backupStatus.action }).count()).toBe(0);
  });
});
