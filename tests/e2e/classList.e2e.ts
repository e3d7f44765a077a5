import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';

const nl = catalogs.nl.classList;
const FIXTURES = join(import.meta.dirname, '../fixtures/classlists');
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.harness.close();
});

describe('class list import and the dialogue log', () => {
  it('picks a Magister list, previews it, takes a changed mapping, imports with numbers; a second import finds the duplicates', async () => {
    const app = await openUnlockedApp();
    apps.push(app);
    const { page, harness } = app;

    harness.chooseFile(join(FIXTURES, 'magister-1252.csv'));
    await page.getByRole('button', { name: nl.importButton }).click();
    const dialog = page.getByRole('dialog', { name: nl.title });
    await dialog.getByRole('button', { name: nl.choose }).click();
    await dialog.getByText('4 leerlingen komen erbij · 0 bestaan al · 1 rij overgeslagen (van 5 rijen)').waitFor();
    await dialog.getByRole('rowheader', { name: 'Emre Çelik' }).waitFor();
    await dialog.getByText('Rij 5: geen naam').waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    // The mentor maps "Voornamen" instead of "Roepnaam" as the first name: the preview follows.
    await dialog.getByLabel(`${nl.becomes}: Roepnaam`).selectOption('ignore');
    await dialog.getByRole('rowheader', { name: 'Susanna Maria van der Berg' }).waitFor();
    await dialog.getByLabel(`${nl.becomes}: Roepnaam`).selectOption('callName');
    await dialog.getByRole('rowheader', { name: 'Sanne van der Berg' }).waitFor();

    // Nothing was imported by looking: the list behind the dialog is still empty.
    expect(await page.locator('section.screen table.table tbody th').count()).toBe(0);
    await dialog.getByRole('button', { name: '4 leerlingen inlezen' }).click();
    await page.getByRole('dialog', { name: nl.doneTitle }).getByText('4 leerlingen toegevoegd, 0 leerlingen bijgewerkt, 0 leerlingen ongewijzigd, 1 rij overgeslagen.').waitFor();
    await page.getByRole('dialog', { name: nl.doneTitle }).getByRole('button', { name: nl.close }).click();
    await page.getByRole('button', { name: 'Zoë de Vries-Élie', exact: true }).waitFor();
    expect(await app.students.names()).toEqual(['Emre Çelik', 'Jörg Müller', 'Sanne van der Berg', 'Zoë de Vries-Élie']);

    // Found by number in the list's search, and the number on the student page.
    await page.getByPlaceholder(catalogs.nl.students.search).fill('104235');
    expect(await app.students.names()).toEqual(['Jörg Müller']);
    await page.getByRole('button', { name: 'Jörg Müller', exact: true }).click();
    await page.getByText('Leerlingnummer 104235').waitFor();
    await page.getByRole('button', { name: catalogs.nl.dialogue.studentPage.back }).click();
    await page.getByPlaceholder(catalogs.nl.students.search).fill('');

    // The same list again: every row is already there.
    await page.getByRole('button', { name: nl.importButton }).click();
    const again = page.getByRole('dialog', { name: nl.title });
    await again.getByRole('button', { name: nl.choose }).click();
    await again.getByText('0 leerlingen komen erbij · 4 bestaan al · 1 rij overgeslagen (van 5 rijen)').waitFor();
    expect(await again.getByText(nl.matchedBy.number).count()).toBe(4);
    expect(await again.getByRole('button', { name: /inlezen$/ }).isDisabled()).toBe(true);
    await again.getByLabel(nl.duplicateUpdate).check();
    await again.getByRole('button', { name: nl.confirmUpdate }).click();
    await page.getByText('0 leerlingen toegevoegd, 4 leerlingen bijgewerkt, 0 leerlingen ongewijzigd, 1 rij overgeslagen.').waitFor();
    await page.getByRole('dialog', { name: nl.doneTitle }).getByRole('button', { name: nl.close }).click();
    expect(await app.students.names()).toHaveLength(4);

    // A refused file says why and changes nothing.
    harness.chooseFile(join(FIXTURES, 'mixed-delimiters.csv'));
    await page.getByRole('button', { name: nl.importButton }).click();
    const bad = page.getByRole('dialog', { name: nl.title });
    await bad.getByRole('button', { name: nl.choose }).click();
    await bad.getByText(catalogs.nl.errors.CLASS_LIST_MIXED_DELIMITERS).waitFor();
    await bad.getByRole('button', { name: nl.cancel }).click();
    expect(await app.students.names()).toHaveLength(4);

    // The dialogue log from the groups screen: CSV for Dutch Excel.
    await page.getByRole('button', { name: catalogs.nl.insights.nav.groups }).click();
    await page.getByRole('button', { name: nl.logButton }).click();
    const log = page.getByRole('dialog', { name: nl.logTitle });
    await log.getByRole('button', { name: nl.logSave }).click();
    await page.getByText(/gesprekkenlog-.*\.csv/).first().waitFor();
    const file = (await readdir(harness.exportsDir)).find((name) => name.startsWith('gesprekkenlog-'))!;
    const bytes = await readFile(join(harness.exportsDir, file));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Datum;Leerlingnummer;Naam;Klas;Mentor');
  }, 180_000);
});
