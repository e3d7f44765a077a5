import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import { REPO_ROOT } from '../../harness/harness';
import type { TourContext } from '../context';
import { openSection } from '../../harness/pages/sections';

const ex = catalogs.nl.exporting;

/** Issue 4: the stage dialogue's summary and the student's portfolio, as Word files in `<dir>/exports/`. */
export async function wordExport(ctx: TourContext): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;
  const exportsDir = join(ctx.outDir, 'exports');

  await run.step('school-en-logo', async () => {
    await openSection(page, 'Instellingen');
    await page.getByLabel(catalogs.nl.settings.schoolName).fill('Vakcollege De Linde');
    await page.getByRole('button', { name: catalogs.nl.common.save, exact: true }).first().click();
    await page.getByLabel(ex.logo).setInputFiles(join(REPO_ROOT, 'tests/fixtures/logo-vakcollege.png'));
    await page.getByText(/Logo ingesteld \(\d+ × \d+ pixels\)/).waitFor();
  });
  await run.step('gesprek-exporteren', async () => {
    await page.getByRole('button', { name: 'Leerlingen' }).click();
    await page.getByRole('button', { name: 'Sanne de Vries', exact: true }).click();
    await page.getByRole('button', { name: /Loopbaangesprek na de stage/ }).click();
    await page.getByRole('button', { name: ex.dialogueButton }).click();
    await page.getByRole('dialog').getByText(ex.includes).waitFor();
  });
  await run.step('gesprek-opgeslagen', async () => {
    await page.getByRole('dialog').getByRole('button', { name: ex.save }).click();
    await page.getByText(/-gesprek\.docx is opgeslagen in/).waitFor();
  });
  await run.step('portfolio-exporteren', async () => {
    await page.getByRole('button', { name: /Terug naar Sanne de Vries/ }).click();
    await page.getByRole('button', { name: ex.portfolioButton }).click();
    await page.getByRole('dialog').getByText(/gesprek(ken)?, .* loopbaanactiviteit(en)?/).waitFor();
  });
  await run.step('portfolio-opgeslagen', async () => {
    await page.getByRole('dialog').getByRole('button', { name: ex.save }).click();
    await page.getByText(/-portfolio\.docx is opgeslagen in/).waitFor();
  });

  const files = (await readdir(exportsDir)).sort();
  const summary = files.find((name) => /^Sanne-de-Vries-\d{4}-\d{2}-\d{2}-gesprek\.docx$/.test(name));
  const portfolio = files.find((name) => name === 'Sanne-de-Vries-portfolio.docx');
  assert.ok(summary, `the summary is in exports/ (found: ${files.join(', ')})`);
  assert.ok(portfolio, `the portfolio is in exports/ (found: ${files.join(', ')})`);
  for (const name of [summary, portfolio]) {
    const head = (await readFile(join(exportsDir, name))).subarray(0, 2).toString('latin1');
    assert.equal(head, 'PK', `${name} is a zip (docx) file`);
  }
}
