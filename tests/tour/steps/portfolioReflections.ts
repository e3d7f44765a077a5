import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { catalogs } from '../../../shared/i18n';
import type { TourContext } from '../context';

const nl = catalogs.nl;

/**
 * Issue 16 #5: the portfolio with the student's own reflections. The mentor also ticks the
 * external conversation, so the boundary experience tagged there is marked in the text; the
 * document has the internal dialogue's words and a footnote naming the dilemma.
 */
export async function portfolioReflections(ctx: TourContext): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;
  const dialog = page.getByRole('dialog');

  await run.step('portfolio-met-reflecties-kiezen', async () => {
    await page.getByRole('button', { name: nl.nav.students, exact: true }).click();
    await page.getByRole('button', { name: 'Sanne de Vries', exact: true }).click();
    await page.getByRole('button', { name: nl.exporting.portfolioButton }).click();
    await dialog.getByText(/reflecties?\.$/).waitFor();
    await dialog.getByLabel(nl.portfolio.dialog.external).check();
    await dialog.getByText(nl.portfolio.dialog.dialoguesLegend).scrollIntoViewIfNeeded();
  });
  await run.step('portfolio-met-reflecties-opgeslagen', async () => {
    await dialog.getByRole('button', { name: nl.exporting.save }).click();
    // The dialog closes once the file is written (the earlier export's toast may still be up).
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/-portfolio\.docx is opgeslagen in/).first().waitFor();
  });

  const zip = await JSZip.loadAsync(await readFile(join(ctx.outDir, 'exports', 'Sanne-de-Vries-portfolio.docx')));
  const document = await zip.file('word/document.xml')!.async('string');
  const footnotes = (await zip.file('word/footnotes.xml')?.async('string')) ?? '';
  assert.ok(document.includes('Ik voelde me klem zitten tussen goede zorg en de planning.'), 'the internal reflection\'s words are in the portfolio');
  assert.ok(document.includes('<w:rStyle w:val="BoundaryMark"/>'), 'the boundary experience is marked in the text');
  assert.ok(footnotes.includes('Grenservaring'), 'a footnote names the boundary experience');
}
