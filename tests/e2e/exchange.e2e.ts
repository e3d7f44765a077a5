import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import { foreignQdpx } from '../fixtures/refi-qda/foreignQdpx';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const refi = nl.exchange.refi;
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.harness.close();
});

async function newestExport(app: App, extension: string): Promise<string> {
  const names = (await readdir(app.harness.exportsDir)).filter((name) => name.endsWith(extension)).sort();
  expect(names.length).toBeGreaterThan(0);
  return join(app.harness.exportsDir, names[names.length - 1]!);
}

describe('REFI-QDA import and packs, in the app', () => {
  it('imports another tool’s project after a preview, exports it again and re-imports it into one student', async () => {
    const app = await openUnlockedApp();
    apps.push(app);
    const { page, harness } = app;
    const file = join(await mkdtemp(join(tmpdir(), 'lbd-e2e-refi-')), 'Onderzoek.qdpx');
    await writeFile(file, await foreignQdpx());

    await page.getByRole('button', { name: nl.insights.nav.groups }).click();
    harness.chooseFile(file);
    await page.getByRole('button', { name: refi.importButton }).click();
    const dialog = page.getByRole('dialog', { name: refi.title });
    await dialog.getByText('„Onderzoek loopbaan”, gemaakt met QualCoder 3.5').waitFor();
    await dialog.getByText('3 teksten worden gesprekken').waitFor();
    await dialog.getByText('8 getagde fragmenten').waitFor();
    await dialog.getByText('2 codes bestaan al en worden samengevoegd (op naam)').waitFor();
    await dialog.getByText('1 PDF-, beeld-, audio- of videobron').waitFor();
    await dialog.getByText('1 fragment dat buiten zijn tekst valt').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    // Looking stored nothing.
    expect(await page.getByRole('button', { name: 'Respondent 1', exact: true }).count()).toBe(0);

    await dialog.getByLabel(refi.schoolType).selectOption('vmbo-k');
    await dialog.getByRole('button', { name: refi.confirm }).click();
    await page.getByText('Geïmporteerd: 3 gesprekken, 8 getagde fragmenten, 2 nieuwe codes.').waitFor();
    await page.getByRole('button', { name: 'Respondent 1', exact: true }).waitFor();

    // The imported dialogue opens with its words tagged.
    await page.getByRole('button', { name: 'Respondent 1', exact: true }).click();
    await page.getByText('Interview 1').first().click();
    await page.getByText('Het was zwaar').first().waitFor();
    expect(await page.locator('[data-annotations]').count()).toBeGreaterThan(0);

    // Out again as .qdpx, and back in, all into one existing student.
    await page.getByRole('button', { name: nl.insights.nav.groups }).click();
    await page.getByRole('button', { name: nl.insights.groups.exportQdpx }).click();
    await page.getByText(/\.qdpx is opgeslagen in/).waitFor();
    harness.chooseFile(await newestExport(app, '.qdpx'));
    await page.getByRole('button', { name: refi.importButton }).click();
    const again = page.getByRole('dialog', { name: refi.title });
    await again.getByText(/^Gemaakt met Loopbaandialoog/).waitFor();
    await again.getByText('0 nieuwe codes').waitFor();
    await again.getByLabel(refi.oneStudent).check();
    await again.getByLabel(refi.student).selectOption({ label: 'Respondent 1' });
    await again.getByRole('button', { name: refi.confirm }).click();
    await page.getByText(/^Geïmporteerd: 3 gesprekken, \d+ getagde fragmenten, 0 nieuwe codes\.$/).waitFor();
  });

  it('exports the templates and codebook as a pack and imports it after a preview', async () => {
    const app = await openUnlockedApp();
    apps.push(app);
    const { page, harness } = app;
    await page.getByRole('button', { name: nl.nav.templates }).click();
    await page.getByRole('button', { name: nl.exchange.pack.exportButton }).click();
    await page.getByText(/\.lbdpack is opgeslagen in/).waitFor();
    harness.chooseFile(await newestExport(app, '.lbdpack'));
    await page.getByRole('button', { name: nl.exchange.pack.importButton }).click();
    const dialog = page.getByRole('dialog', { name: nl.exchange.pack.title });
    await dialog.getByText(nl.exchange.pack.noNewTemplates).waitFor();
    await dialog.getByText('8 codes bestaan al (op naam) en blijven zoals ze zijn').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: nl.exchange.pack.confirm }).click();
    await page.getByText('Pakket geïmporteerd: 0 nieuwe sjablonen, 0 nieuwe codes.').waitFor();
  });
});
