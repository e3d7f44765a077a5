import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { catalogs } from '../../../shared/i18n';
import { openSection } from '../../harness/pages/sections';
import { sineWav } from '../../e2e/sineWav';
import { DialoguePage } from '../../harness/pages/DialoguePage';
import { writeTinyModel } from '../../unit/helpers/ggmlTinyModel';
import type { TourContext } from '../context';

const nl = catalogs.nl;
const tr = nl.transcription;
const STUDENT = 'Sanne de Vries';

/**
 * Issue 17 part 5: the school's IT imports a speech model once (here a tiny ggml model the tour
 * writes beside its output: random weights, never committed), then the mentor imports an audio
 * file into a dialogue (the espeak-ng WAV of the recording chapter when it exists), transcribes
 * it with progress, assigns the speakers with the keys 1 and 2, and inserts the timed turns.
 * The tour's host runs the fake engine (fixed Dutch segments): the pictures show the flow, not
 * what a real model would hear.
 */
export async function transcription(ctx: TourContext, spokenWav: string | null): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;
  const d = new DialoguePage(page);
  const model = join(ctx.outDir, 'ggml-tiny-random.bin');
  writeTinyModel(model);
  const audio = spokenWav ?? join(ctx.outDir, 'toon.wav');
  if (!spokenWav) writeFileSync(audio, sineWav(12, 16_000));

  await run.step('transcriptie-model', async () => {
    harness.chooseFile(model);
    await openSection(page, nl.nav.settings);
    const panel = page.locator('.transcription-settings');
    await panel.getByRole('button', { name: tr.settings.import }).click();
    await panel.getByRole('button', { name: tr.settings.confirm }).click();
    await panel.getByText(tr.settings.active, { exact: true }).waitFor();
    await panel.scrollIntoViewIfNeeded();
  }, { window: true });

  await run.step('transcriptie-bezig', async () => {
    await page.getByRole('navigation').getByRole('button', { name: nl.nav.students }).click();
    await d.openStudent(STUDENT);
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Getranscribeerd gesprek' });
    harness.chooseFile(audio);
    const panel = page.locator('.transcription-panel');
    await panel.getByRole('button', { name: tr.panel.importAudio }).click();
    await panel.getByRole('button', { name: tr.panel.transcribe }).click();
    await page.getByRole('dialog', { name: tr.dialog.title }).getByText(/^Transcriberen: [1-9]\d* %$/).waitFor();
  }, { window: true });

  await run.step('transcriptie-sprekers', async () => {
    const dialog = page.getByRole('dialog', { name: tr.dialog.title });
    const list = dialog.getByRole('listbox', { name: tr.dialog.segments });
    await list.waitFor({ timeout: 20_000 });
    await dialog.getByLabel('Naam van spreker 1').fill('M. Jansen');
    await dialog.getByLabel('Naam van spreker 2').fill(STUDENT);
    await list.focus();
    for (const key of ['1', '2', '1', '2']) await page.keyboard.press(key);
  }, { window: true });

  await run.step('transcriptie-ingevoegd', async () => {
    const dialog = page.getByRole('dialog', { name: tr.dialog.title });
    for (const key of ['1', '2']) await page.keyboard.press(key);
    await dialog.getByRole('button', { name: tr.dialog.insert }).click();
    await page.locator('p.turn', { hasText: 'Ja, dat ga ik doen.' }).waitFor();
    await d.waitSaved();
  });
}
