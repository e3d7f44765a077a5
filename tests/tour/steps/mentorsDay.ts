import { catalogs } from '../../../shared/i18n';
import type { TourContext } from '../context';

const nl = catalogs.nl;

/** Issue 15: the day's work in one place, and Ctrl+K to a student; issue 12: the host going away. */
export async function mentorsDay(ctx: TourContext): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;

  await run.step('vandaag', async () => {
    await page.getByRole('navigation').getByRole('button', { name: nl.nav.today }).click();
    await page.getByRole('heading', { name: nl.today.title, level: 1 }).waitFor();
  });
  await run.step('snel-naar', async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: nl.quickFind.label }).waitFor();
    await page.keyboard.type('sanne');
    await page.getByRole('option').first().waitFor();
  });
  await run.step('snel-naar-leerling', async () => {
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sanne de Vries', level: 1 }).waitFor();
  });
  await run.step('backend-gestopt', async () => {
    // The backend host dies (as a crash would): the window stays, the vault is locked, and it says so.
    harness.backend.killHost();
    await page.getByText(nl.errors.HOST_DOWN).waitFor();
  });
  await run.step('na-herstart-terug', async () => {
    await page.getByLabel(nl.vault.passphrase, { exact: true }).fill(ctx.passphrase);
    await page.getByRole('button', { name: nl.vault.unlock, exact: true }).click();
    await page.getByRole('heading', { name: 'Sanne de Vries', level: 1 }).waitFor();
  });
}
