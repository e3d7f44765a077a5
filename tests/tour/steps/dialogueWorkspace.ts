import assert from 'node:assert/strict';
import { join } from 'node:path';
import { catalogs } from '../../../shared/i18n';
import { REPO_ROOT } from '../../harness/harness';
import { DialoguePage } from '../../harness/pages/DialoguePage';
import type { TourContext } from '../context';
import { openSection } from '../../harness/pages/sections';

export const STAGE_VTT = join(REPO_ROOT, 'tests/fixtures/transcripts/gesprek-stage-teams.vtt');
const SHOWER = 'Mevrouw Bakker wilde per se douchen, maar volgens het rooster had ik daar geen tijd voor.';

/** Issue 3: a mentor's dialogue work from the student page to an amended, final dialogue. */
export async function dialogueWorkspace(ctx: TourContext): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;
  const d = new DialoguePage(page);
  const student = 'Sanne de Vries';
  ctx.secrets.push('douchen', 'Mevrouw Bakker', 'Ik werd er boos van');

  await run.step('leerlingpagina', () => d.openStudent(student));
  await run.step('interne-dialoog-twee-onderdelen', async () => {
    await d.newDialogue('Interne dialoog — reflectie op een ervaring', { title: 'Terugblik stageweek 3' });
    await d.typeInSection('Wat heb je meegemaakt?', 'Een cliënt wilde douchen terwijl het rooster daar geen tijd voor gaf.');
    await d.typeInSection('Wat deed dat met je?', 'Ik voelde me klem zitten tussen goede zorg en de planning.');
    await d.waitSaved();
  });
  await run.step('externe-dialoog', async () => {
    await d.backToStudent(student);
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Loopbaangesprek na de stage' });
  });
  await run.step('transcript-inlezen', async () => {
    await d.importTranscript(STAGE_VTT, { section: 'Ervaring delen' });
  });
  await run.step('transcript-ingevoegd', async () => {
    await d.confirmImport();
    await page.getByText(SHOWER, { exact: false }).first().waitFor();
    await d.waitSaved();
  });
  await run.step('grenservaring-taggen', async () => {
    await d.selectText(SHOWER);
    await d.openTagDialog();
    await d.fillTag('Grenservaring', {
      dilemmaType: 'quality', context: 'internship', memo: 'Goede zorg tegenover het rooster: kwaliteit tegen tijd en geld.',
    });
  });
  await run.step('grenservaring-getagd', async () => {
    await d.saveTag();
    await d.tagPanel().getByText('Grenservaring').waitFor();
  });
  await run.step('ook-motievenreflectie', async () => {
    await d.selectText(SHOWER);
    await d.openTagDialog();
    await d.fillTag('Motievenreflectie', { memo: 'Wil in de zorg werken om tijd voor mensen te hebben.' });
    await d.saveTag();
    await d.tagPanel().getByText('Motievenreflectie').waitFor();
    await d.waitSaved();
    const overlap = await page.locator('.dialogue-editor .tag').filter({ hasText: 'douchen' }).first().getAttribute('data-annotations');
    assert.equal(overlap?.split(' ').length, 2, 'the same words carry both tags');
  });
  // The window as the mentor sees it, with a dialog open over the editor and its toolbar: the
  // dialog is on top, its buttons in view (issue 15: the toolbar used to be drawn over it).
  await run.step('dialoog-boven-editor-taggen', async () => {
    await d.selectText(SHOWER);
    await page.evaluate(() => window.scrollTo(0, 0));
    await d.openTagDialog();
  }, { window: true });
  await run.step('dialoog-boven-editor-definitief', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: catalogs.nl.dialogue.screen.finalise }).click();
    await page.getByRole('alertdialog').waitFor();
  }, { window: true });
  await run.step('dialoog-boven-editor-sneltoetsen', async () => {
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    await d.selectText(SHOWER);
    await page.keyboard.press('F1');
    await page.getByRole('dialog', { name: catalogs.nl.help.title }).waitFor();
  }, { window: true });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  // Radix gives focus back to the editor a tick after the dialog left; typing before that lands in the editor.
  await page.waitForFunction(() => document.activeElement?.closest('.dialogue-editor') !== null, null, { timeout: 2_000 }).catch(() => undefined);
  await run.step('afspraak-met-datum', () => d.addAction('Meeloopdag aanvragen op de afdeling geriatrie', 'student', '2026-12-11'));
  await run.step('definitief', () => d.finalise());
  await run.step('aanvulling', () => d.addAmendment('Meeloopdag is aangevraagd; gesprek met praktijkbegeleider gepland.'));
  await run.step('leerlingpagina-met-gesprekken', async () => {
    await d.backToStudent(student);
    await page.getByRole('button', { name: /Loopbaangesprek na de stage/ }).waitFor();
    await page.getByText('Meeloopdag aanvragen op de afdeling geriatrie').waitFor();
  });
}

/** The codebook and the templates, as a mentor checks them after tagging. */
export async function codebookAndTemplates(ctx: TourContext): Promise<void> {
  const page = ctx.harness.page;
  await ctx.run.step('codeboek', async () => {
    await openSection(page, 'Codeboek');
    await page.getByRole('heading', { name: 'Codeboek', level: 1 }).waitFor();
  });
  await ctx.run.step('sjablonen', async () => {
    await openSection(page, 'Sjablonen');
    await page.getByRole('heading', { name: 'Sjablonen', level: 1 }).waitFor();
  });
}
