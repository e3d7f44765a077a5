import assert from 'node:assert/strict';
import { catalogs } from '../../../shared/i18n';
import { DialoguePage } from '../../harness/pages/DialoguePage';
import type { TourContext } from '../context';

const nl = catalogs.nl;
const EXAMPLE = 'Voorbeeld: Lotte Bakker';

/**
 * Issue 15: the first run that teaches. Right after the vault and the first two students: the
 * start checklist with one step ticked off, the example student with its two dialogues, the
 * method's terms in F1, and the example gone again in one step (later chapters count students).
 */
export async function firstRun(ctx: TourContext): Promise<void> {
  const { run, harness, students } = ctx;
  const page = harness.page;
  const nav = page.getByRole('navigation', { name: nl.nav.main });

  await run.step('startlijst', async () => {
    await nav.getByRole('button', { name: nl.nav.students }).click();
    await page.getByRole('heading', { name: nl.firstRun.checklist.title }).waitFor();
    assert.equal(await page.locator('.checklist-item[data-step="students"]').getAttribute('data-done'), 'true');
    assert.equal(await page.locator('.checklist-item[data-step="dialogue"]').getAttribute('data-done'), 'false');
  });
  await run.step('voorbeeldleerling', async () => {
    await page.getByRole('button', { name: nl.firstRun.example.add }).click();
    await page.getByRole('button', { name: nl.firstRun.example.open }).click();
    await page.getByRole('heading', { name: EXAMPLE, level: 1 }).waitFor();
    await page.getByText('Loopbaangesprek na de stage-ervaring').waitFor();
  });
  await run.step('voorbeeldgesprek', async () => {
    await page.getByText('Stage verpleeghuis: meneer K. wil niet gewassen worden').click();
    await page.locator('.dialogue-editor').waitFor();
    await page.getByText('Mijn werkbegeleider zei dat het toch moest', { exact: false }).first().waitFor();
  });
  await run.step('hulp-begrippen', async () => {
    await page.keyboard.press('F1');
    await page.getByRole('dialog').getByText(nl.firstRun.method.boundary.term, { exact: true }).waitFor();
  }, { window: true });
  await run.step('voorbeeld-verwijderd', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await nav.getByRole('button', { name: nl.nav.students }).click();
    await page.getByRole('button', { name: nl.firstRun.example.remove }).click();
    await page.getByRole('button', { name: EXAMPLE, exact: true }).waitFor({ state: 'detached' });
    assert.deepEqual(await students.names(), ['Sanne de Vries', 'Youssef El Amrani']);
    await new DialoguePage(page).openStudent('Sanne de Vries');
    await nav.getByRole('button', { name: nl.nav.students }).click();
  });
}
