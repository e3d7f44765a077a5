import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import { openSection } from '../../harness/pages/sections';
import { foreignQdpx } from '../../fixtures/refi-qda/foreignQdpx';
import type { TourContext } from '../context';

const nl = catalogs.nl;
const refi = nl.exchange.refi;
const pack = nl.exchange.pack;

async function newest(dir: string, extension: string): Promise<string> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(extension)).sort();
  assert.ok(names.length > 0, `a ${extension} file in exports/ (found: ${names.join(', ')})`);
  return join(dir, names[names.length - 1]!);
}

/**
 * Issue 16 part 2: the group as a REFI-QDA project, read back into a second student (preview,
 * then result); another tool's project previewed with what it leaves out; templates and
 * codebook out and in as one pack.
 */
export async function refiImport(ctx: TourContext): Promise<void> {
  const { run, harness, students } = ctx;
  const page = harness.page;
  const exportsDir = join(ctx.outDir, 'exports');
  const second = 'Ilse Bakker';
  ctx.secrets.push(second);

  await run.step('refi-export-groep', async () => {
    await page.getByRole('button', { name: nl.nav.students, exact: true }).click();
    await students.add({ displayName: second, schoolType: 'havo' });
    await openSection(page, nl.insights.nav.groups);
    await page.getByRole('button', { name: nl.insights.groups.exportQdpx }).click();
    await page.getByText(/\.qdpx is opgeslagen in/).waitFor();
  });
  await run.step('refi-import-voorbeeld', async () => {
    harness.chooseFile(await newest(exportsDir, '.qdpx'));
    await page.getByRole('button', { name: refi.importButton }).click();
    const dialog = page.getByRole('dialog', { name: refi.title });
    await dialog.getByText(/^Gemaakt met Loopbaandialoog/).waitFor();
    await dialog.getByLabel(refi.oneStudent).check();
    await dialog.getByLabel(refi.student).selectOption({ label: second });
  });
  await run.step('refi-import-klaar', async () => {
    await page.getByRole('dialog', { name: refi.title }).getByRole('button', { name: refi.confirm }).click();
    await page.getByText(/^Geïmporteerd: \d+ gesprek(ken)?,/).waitFor();
    await page.getByRole('button', { name: second, exact: true }).click();
    await page.getByRole('heading', { name: second }).first().waitFor();
  });
  await run.step('refi-ander-programma', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'lbd-tour-refi-')), 'Onderzoek.qdpx');
    await writeFile(file, await foreignQdpx());
    await openSection(page, nl.insights.nav.groups);
    harness.chooseFile(file);
    await page.getByRole('button', { name: refi.importButton }).click();
    const dialog = page.getByRole('dialog', { name: refi.title });
    await dialog.getByText('„Onderzoek loopbaan”, gemaakt met QualCoder 3.5').waitFor();
    await dialog.getByText(refi.skippedTitle).waitFor();
  });
  await run.step('refi-ander-programma-geannuleerd', async () => {
    await page.getByRole('dialog', { name: refi.title }).getByRole('button', { name: nl.common.cancel }).click();
    await page.getByRole('dialog', { name: refi.title }).waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: 'Respondent 1', exact: true }).count(), 0, 'a cancelled preview imports nothing');
  });
  await run.step('pakket-exporteren', async () => {
    await openSection(page, nl.nav.templates);
    await page.getByRole('button', { name: pack.exportButton }).click();
    await page.getByText(/\.lbdpack is opgeslagen in/).waitFor();
  });
  await run.step('pakket-importeren', async () => {
    harness.chooseFile(await newest(exportsDir, '.lbdpack'));
    await page.getByRole('button', { name: pack.importButton }).click();
    await page.getByRole('dialog', { name: pack.title }).getByText(/codes? bestaa?n al/).waitFor();
  });
  await run.step('pakket-geimporteerd', async () => {
    await page.getByRole('dialog', { name: pack.title }).getByRole('button', { name: pack.confirm }).click();
    await page.getByText(/^Pakket geïmporteerd:/).waitFor();
  });
}
