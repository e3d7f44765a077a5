import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { tempDir } from '../unit/helpers/tempDir';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';

const nl = catalogs.nl.classList;
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.harness.close();
});

const HEADER = ['Leerlingnummer', 'Roepnaam', 'Achternaam', 'Klas'];

/**
 * A school export with a sheet per class, made with the library the unit tests use for
 * workbooks (write-excel-file), so the app reads a real .xlsx as Excel would hand it over.
 */
async function workbookFile(): Promise<string> {
  const bytes = await writeXlsxFile([
    { sheet: '4H1', data: [HEADER, [1001, 'Ada', 'Lovelace', '4H1']] },
    { sheet: '4H2', data: [HEADER, [2001, 'Emre', 'Çelik', '4H2'], [2002, 'Sanne', 'Berg', '4H2']] },
  ]).toBuffer();
  const path = join(tempDir('lbd-e2e-xlsx-'), 'klassen.xlsx');
  await writeFile(path, bytes);
  return path;
}

describe('class list from a workbook with several sheets', () => {
  it('shows the first sheet, takes the second chosen by keyboard, previews its students and imports them', async () => {
    const app = await openUnlockedApp();
    apps.push(app);
    const { page, harness } = app;

    harness.chooseFile(await workbookFile());
    await page.getByRole('button', { name: nl.importButton }).click();
    const dialog = page.getByRole('dialog', { name: nl.title });
    await dialog.getByRole('button', { name: nl.choose }).click();

    // The first sheet is read by default, and the choice is offered.
    const sheet = dialog.getByRole('combobox', { name: nl.sheet });
    await sheet.waitFor();
    expect(await sheet.inputValue()).toBe('4H1');
    expect(await sheet.locator('option').allTextContents()).toEqual(['4H1', '4H2']);
    await dialog.getByText(nl.sheetHint).waitFor();
    await dialog.getByRole('rowheader', { name: 'Ada Lovelace' }).waitFor();
    await dialog.getByText('1 leerling komt erbij · 0 bestaan al · 0 rijen overgeslagen (van 1 rij)').waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    // Keyboard only: Tab to the sheet select (it must be reachable), then the arrow picks the next sheet.
    let focused = false;
    for (let presses = 0; presses < 30 && !focused; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await sheet.evaluate((element) => element === document.activeElement);
    }
    expect(focused).toBe(true);
    await page.keyboard.press('ArrowDown');

    // The backend reads the other sheet again: its students in the preview, the first sheet's gone.
    await dialog.getByRole('rowheader', { name: 'Emre Çelik' }).waitFor();
    await dialog.getByRole('rowheader', { name: 'Sanne Berg' }).waitFor();
    await expect.poll(() => dialog.getByRole('rowheader', { name: 'Ada Lovelace' }).count()).toBe(0);
    await expect.poll(() => sheet.inputValue()).toBe('4H2');
    await dialog.getByText('2 leerlingen komen erbij · 0 bestaan al · 0 rijen overgeslagen (van 2 rijen)').waitFor();
    // Nothing imported by choosing a sheet.
    expect(await page.locator('section.screen table.table tbody th').count()).toBe(0);

    await dialog.getByRole('button', { name: '2 leerlingen inlezen' }).click();
    const done = page.getByRole('dialog', { name: nl.doneTitle });
    await done.getByText('2 leerlingen toegevoegd, 0 leerlingen bijgewerkt, 0 leerlingen ongewijzigd, 0 rijen overgeslagen.').waitFor();
    await done.getByRole('button', { name: nl.close }).click();
    await page.getByRole('button', { name: 'Sanne Berg', exact: true }).waitFor();
    expect(await app.students.names()).toEqual(['Emre Çelik', 'Sanne Berg']);

    // The second sheet's numbers came along, found in the list's search.
    await page.getByPlaceholder(catalogs.nl.students.search).fill('2001');
    await expect.poll(() => app.students.names()).toEqual(['Emre Çelik']);
  }, 180_000);
});
