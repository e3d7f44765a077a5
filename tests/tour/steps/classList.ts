import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import { openSection } from '../../harness/pages/sections';
import type { TourContext } from '../context';

const cl = catalogs.nl.classList;
const FIXTURE = resolve(import.meta.dirname, '../../fixtures/classlists/magister-1252.csv');

/** Issue 16 parts 3 and 4: import a Magister class list (preview, then confirm), export the CSV dialogue log. */
export async function classList(ctx: TourContext): Promise<void> {
  const { run, harness, students } = ctx;
  const page = harness.page;
  ctx.secrets.push('Emre', 'Çelik', 'Sanne van der Berg', 'Vries-Élie');

  await run.step('klassenlijst-voorbeeld', async () => {
    await page.getByRole('navigation').getByRole('button', { name: catalogs.nl.nav.students }).click();
    await students.waitForList();
    harness.chooseFile(FIXTURE);
    await page.getByRole('button', { name: cl.importButton }).click();
    const dialog = page.getByRole('dialog', { name: cl.title });
    await dialog.getByRole('button', { name: cl.choose }).click();
    await dialog.getByText('4 leerlingen komen erbij · 0 bestaan al · 1 rij overgeslagen (van 5 rijen)').waitFor();
  });
  await run.step('klassenlijst-ingelezen', async () => {
    await page.getByRole('dialog', { name: cl.title }).getByRole('button', { name: '4 leerlingen inlezen' }).click();
    await page.getByRole('dialog', { name: cl.doneTitle }).getByText('4 leerlingen toegevoegd, 0 leerlingen bijgewerkt, 0 leerlingen ongewijzigd, 1 rij overgeslagen.').waitFor();
  });
  await run.step('leerlingen-met-nummers', async () => {
    await page.getByRole('dialog', { name: cl.doneTitle }).getByRole('button', { name: cl.close }).click();
    await page.getByRole('button', { name: 'Zoë de Vries-Élie', exact: true }).waitFor();
    assert.ok((await students.names()).includes('Emre Çelik'));
  });
  await run.step('gesprekkenlog-dialoog', async () => {
    await openSection(page, catalogs.nl.insights.nav.groups);
    await page.getByRole('button', { name: cl.logButton }).click();
    await page.getByRole('dialog', { name: cl.logTitle }).waitFor();
  });
  await run.step('gesprekkenlog-csv', async () => {
    await page.getByRole('dialog', { name: cl.logTitle }).getByRole('button', { name: cl.logSave }).click();
    await page.getByText(/gesprekkenlog-.*\.csv is opgeslagen in/).first().waitFor();
  });
  const exportsDir = join(ctx.outDir, 'exports');
  const file = (await readdir(exportsDir)).find((name) => /^gesprekkenlog-.*\.csv$/.test(name));
  assert.ok(file, 'exports/gesprekkenlog-<day>.csv exists');
  const bytes = await readFile(join(exportsDir, file));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the log starts with a UTF-8 BOM');
  assert.match(bytes.toString('utf8'), /^\ufeffDatum;Leerlingnummer;Naam;Klas;Mentor;Soort;Titel;Status/);
}
