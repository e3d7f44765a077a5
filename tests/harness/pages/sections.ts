import type { Page } from 'playwright-core';
import { catalogs } from '../../../shared/i18n';

const MENU = new RegExp(`^(${[...new Set([catalogs.nl.shell.menu, catalogs.en.shell.menu])].join('|')})`);

/**
 * Opens a section of the app by its name as the main navigation shows it, in either layout: a
 * button in the sidebar, or (a narrow window, below 900 px) a button in the top bar or an item of
 * its "Menu". Waits for the navigation first, so the layout is known before choosing.
 */
export async function openSection(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: new RegExp(`^(${catalogs.nl.nav.main}|${catalogs.en.nav.main})$`) });
  await nav.waitFor();
  const button = nav.getByRole('button', { name, exact: true });
  if (await button.count() > 0) {
    await button.click();
    return;
  }
  await nav.getByRole('button', { name: MENU }).click();
  await page.getByRole('menuitem', { name, exact: true }).click();
}
