import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import { DialoguePage } from '../../harness/pages/DialoguePage';
import type { TourContext } from '../context';
import { openSection } from '../../harness/pages/sections';

const ins = catalogs.nl.insights;

/** Issue 6: search "rooster" and open the hit, tag search, the timeline, the group overview and its report. */
export async function findAndSee(ctx: TourContext): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;
  const d = new DialoguePage(page);

  await run.step('zoeken-rooster', async () => {
    await page.getByRole('navigation').getByRole('button', { name: ins.nav.search }).click();
    await page.getByLabel(ins.search.query).fill('rooster');
    await page.getByRole('search').getByRole('button', { name: ins.search.submit }).click();
    await page.locator('.hit mark').first().waitFor();
  });
  await run.step('zoekresultaat-geopend', async () => {
    await page.locator('.hit').filter({ hasText: 'Loopbaangesprek na de stage' }).first().click();
    await page.locator('.dialogue-editor mark.search-hit').first().waitFor();
    assert.match((await page.locator('.dialogue-editor mark.search-hit').first().textContent()) ?? '', /rooster/i);
  });
  await run.step('tags-grenservaring', async () => {
    await page.getByRole('navigation').getByRole('button', { name: ins.nav.search }).click();
    await page.getByRole('tab', { name: ins.search.tagTab }).click();
    await page.getByLabel(ins.search.tagCode).selectOption({ label: 'Grenservaring' });
    await page.getByText(/^1 fragment$/).waitFor();
  });
  await run.step('tijdlijn', async () => {
    await page.getByRole('button', { name: 'Leerlingen' }).click();
    await d.openStudent('Sanne de Vries');
    await page.getByRole('heading', { name: ins.timeline.title }).scrollIntoViewIfNeeded();
    await page.locator('.timeline-chart svg').first().waitFor();
  });
  await run.step('groepsoverzicht', async () => {
    await openSection(page, ins.nav.groups);
    await page.getByRole('rowheader', { name: /Sanne de Vries/ }).waitFor();
  });
  await run.step('groepsrapport', async () => {
    await page.getByRole('button', { name: ins.groups.export }).click();
    await page.getByText(/groepsrapport\.docx is opgeslagen in/).waitFor();
  });
  assert.ok((await readdir(join(ctx.outDir, 'exports'))).includes('groepsrapport.docx'), 'exports/groepsrapport.docx exists');
}
