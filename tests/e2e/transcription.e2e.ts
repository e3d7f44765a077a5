import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dialogue } from '../../shared/dialogueSchemas';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { tempDir } from '../unit/helpers/tempDir';
import { writeTinyModel } from '../unit/helpers/ggmlTinyModel';
import { tinyEmbeddingModel, tinySegmentationModel } from '../unit/helpers/onnxTinyModels';
import { type App, FAST_KDF, hook, openApp, PASSPHRASE, a11yViolations } from './fixtures';
import { sineWav } from './sineWav';
import { dispatchValue } from '../harness/dispatchValue';

/**
 * Transcription end to end (issue 17 part 5), with the fake engine (fixed Dutch segments) in a
 * real backend host: a model file is imported in Settings (a tiny ggml model this test writes; the
 * fake engine does not read it, but the import checks it as it would a real one), an audio file
 * is imported into the dialogue, transcribed with progress, speakers assigned with 1/2 and Up,
 * and the turns inserted with their start times.
 */
const nl = catalogs.nl;
const tr = nl.transcription;
const EXTERNAL = 'Externe dialoog — loopbaangesprek';

let app: (App & { d: DialoguePage }) | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

const value = dispatchValue;

async function start(options: { speakerModels?: boolean } = {}): Promise<{ files: string; studentId: string; dialogueId: string }> {
  const opened = await openApp({ ...FAST_KDF, backend: { ...FAST_KDF.backend, testHooks: hook('fakeTranscription') } });
  await opened.vault.waitForCreate();
  await opened.vault.typeNewPassphrase(PASSPHRASE);
  await opened.vault.submitCreate();
  await opened.vault.confirmRecoveryKey();
  await opened.students.waitForList();
  app = { ...opened, d: new DialoguePage(opened.page) };
  const files = tempDir();
  // Settings → Transcriptie: import the model; unknown, so confirmed by the mentor.
  const model = join(files, 'ggml-school.bin');
  writeTinyModel(model);
  app.harness.chooseFile(model);
  await app.page.getByRole('button', { name: nl.nav.settings }).click();
  await app.page.getByRole('button', { name: tr.settings.import }).click();
  await app.page.getByText(tr.settings.unknownWarning).waitFor();
  expect(await a11yViolations(app.page)).toEqual([]);
  await app.page.getByRole('button', { name: tr.settings.confirm }).click();
  await app.page.getByText(tr.settings.active, { exact: true }).waitFor();
  if (options.speakerModels) {
    // The school's two speaker-separation models, each unknown, so each confirmed (ADR 0024).
    const section = app.page.getByRole('region', { name: tr.settings.speakers.title });
    await section.getByText(tr.settings.speakers.notReady).waitFor();
    for (const [name, bytes] of [['segmentation-3.0.onnx', tinySegmentationModel()], ['3dspeaker.onnx', tinyEmbeddingModel()]] as const) {
      const path = join(files, name);
      writeFileSync(path, bytes);
      app.harness.chooseFile(path);
      await section.getByRole('button', { name: tr.settings.speakers.import }).click();
      await section.getByText(tr.settings.speakers.unknownWarning).waitFor();
      await section.getByRole('button', { name: tr.settings.speakers.confirm }).click();
      await section.getByText(tr.settings.speakers.unknownWarning).waitFor({ state: 'detached' });
    }
    await section.getByText(tr.settings.speakers.ready).waitFor();
    expect(await a11yViolations(app.page)).toEqual([]);
  }

  await app.page.getByRole('button', { name: nl.nav.students }).click();
  await app.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
  const [student] = await value<{ id: string }[]>(app.harness.backend.dispatch('students:list', {}));
  await value(app.harness.backend.dispatch('consent:register', { studentId: student!.id, givenOn: '2026-11-20', givenBy: 'student', purpose: 'Verslag van het gesprek' }));
  await app.d.openStudent('Sanne de Vries');
  await app.d.newDialogue(EXTERNAL, { title: 'Stagegesprek' });
  await app.d.waitSaved();
  const [summary] = await value<{ id: string }[]>(app.harness.backend.dispatch('dialogues:list', { studentId: student!.id }));
  return { files, studentId: student!.id, dialogueId: summary!.id };
}

async function importAudio(path: string): Promise<void> {
  app!.harness.chooseFile(path);
  await app!.page.getByRole('button', { name: tr.panel.importAudio }).click();
}

describe('transcription (issue 17)', () => {
  it('imports audio, transcribes it with progress, assigns speakers with 1/2 and inserts timed turns', async () => {
    const { files, dialogueId } = await start();
    const { page } = app!;
    const wav = join(files, 'gesprek.wav');
    writeFileSync(wav, sineWav(12, 16_000));
    await importAudio(wav);
    await page.getByText('Geluidsbestand toegevoegd (0:12).').waitFor();
    await page.getByRole('button', { name: tr.panel.transcribe }).click();
    const dialog = page.getByRole('dialog', { name: tr.dialog.title });
    // Progress with percent while the job runs, and the backend keeps answering meanwhile.
    await dialog.getByText(/^Transcriberen: \d+ %$/).waitFor();
    const t0 = Date.now();
    await value(app!.harness.backend.dispatch('students:list', {}));
    expect(Date.now() - t0).toBeLessThan(1000);
    const list = dialog.getByRole('listbox', { name: tr.dialog.segments });
    await list.waitFor({ timeout: 15_000 });
    expect(await list.getByRole('option').count()).toBe(6);
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByLabel('Naam van spreker 1').fill('Mentor Jansen');
    await dialog.getByLabel('Naam van spreker 2').fill('Sanne de Vries');
    await list.focus();
    for (const key of ['1', '2', '1', '2', '1', '2']) await page.keyboard.press(key);
    // The last key stays on the last fragment; Up goes to the one before, whose speaker 1 keeps.
    await expect.poll(() => list.getByRole('option', { selected: true }).textContent()).toContain('Ja, dat ga ik doen.');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => list.getByRole('option', { selected: true }).textContent()).toContain('1 · Mentor Jansen');
    await page.keyboard.press('1');
    await expect.poll(() => list.getByRole('option', { selected: true }).textContent()).toContain('2 · Sanne de Vries');
    await dialog.getByRole('button', { name: tr.dialog.insert }).click();
    await page.locator('p.turn', { hasText: 'Goed, ik mag nu zelf klanten helpen bij de balie.' }).waitFor();
    await app!.d.waitSaved();
    const dialogue = await value<Dialogue>(app!.harness.backend.dispatch('dialogues:get', { id: dialogueId }));
    const turns = dialogue.content.flatMap((section) => section.children)
      .filter((block) => block.type === 'paragraph' && block.speaker) as Array<{ speaker: string; startMs?: number }>;
    expect(turns.map((turn) => [turn.speaker, turn.startMs])).toEqual([
      ['Mentor Jansen', 0], ['Sanne de Vries', 2000], ['Mentor Jansen', 4000], ['Sanne de Vries', 6000], ['Mentor Jansen', 8000], ['Sanne de Vries', 10_000],
    ]);
  });

  it('with the school\'s speaker models the fragments come assigned, says so, and a key still changes one', async () => {
    const { files, dialogueId } = await start({ speakerModels: true });
    const { page } = app!;
    const wav = join(files, 'gesprek.wav');
    writeFileSync(wav, sineWav(12, 16_000));
    await importAudio(wav);
    await page.getByText('Geluidsbestand toegevoegd (0:12).').waitFor();
    await page.getByRole('button', { name: tr.panel.transcribe }).click();
    const dialog = page.getByRole('dialog', { name: tr.dialog.title });
    const list = dialog.getByRole('listbox', { name: tr.dialog.segments });
    await list.waitFor({ timeout: 15_000 });
    await dialog.getByText('Sprekers automatisch verdeeld (controleer ze)').waitFor();
    const speakers = await list.locator('.segment-speaker').allTextContents();
    expect(speakers.map((s) => s.slice(0, 1))).toEqual(['1', '2', '1', '2', '1', '2']);
    expect(await a11yViolations(page)).toEqual([]);
    await dialog.getByLabel('Naam van spreker 1').fill('Mentor Jansen');
    await dialog.getByLabel('Naam van spreker 2').fill('Sanne de Vries');
    // The mentor corrects the last fragment: it was the model's speaker 2.
    await list.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('1');
    await dialog.getByRole('button', { name: tr.dialog.insert }).click();
    await page.locator('p.turn', { hasText: 'Goed, ik mag nu zelf klanten helpen bij de balie.' }).waitFor();
    await app!.d.waitSaved();
    const dialogue = await value<Dialogue>(app!.harness.backend.dispatch('dialogues:get', { id: dialogueId }));
    const turns = dialogue.content.flatMap((section) => section.children)
      .filter((block) => block.type === 'paragraph' && block.speaker) as Array<{ speaker: string; startMs?: number }>;
    expect(turns.map((turn) => [turn.speaker, turn.startMs])).toEqual([
      ['Mentor Jansen', 0], ['Sanne de Vries', 2000], ['Mentor Jansen', 4000], ['Sanne de Vries', 6000], ['Mentor Jansen', 8000],
    ]);
  });

  it('a corrupt file is refused with its own message and nothing is stored; silence says no speech was found', async () => {
    const { files, dialogueId } = await start();
    const { page } = app!;
    const corrupt = join(files, 'kapot.wav');
    const bytes = sineWav(5, 16_000);
    // A WAV header whose format chunk says 0 channels: Chromium cannot decode it.
    bytes.fill(0, 20, 36);
    writeFileSync(corrupt, bytes);
    await importAudio(corrupt);
    await page.getByText(nl.errors.AUDIO_UNDECODABLE).waitFor();
    const notAudio = join(files, 'notulen.mp3');
    writeFileSync(notAudio, 'Dit is tekst, geen geluid.');
    await importAudio(notAudio);
    await page.getByText(nl.errors.AUDIO_UNSUPPORTED).waitFor();
    expect(await value<unknown[]>(app!.harness.backend.dispatch('recordings:list', { dialogueId }))).toEqual([]);

    const silence = join(files, 'stil.wav');
    writeFileSync(silence, silentWav(4));
    await importAudio(silence);
    await page.getByText('Geluidsbestand toegevoegd (0:04).').waitFor();
    await page.getByRole('button', { name: tr.panel.transcribe }).click();
    await page.getByRole('dialog').getByText(nl.errors.NO_SPEECH).waitFor({ timeout: 15_000 });
    const dialogue = await value<Dialogue>(app!.harness.backend.dispatch('dialogues:get', { id: dialogueId }));
    expect(dialogue.content.flatMap((section) => section.children).filter((block) => block.type === 'paragraph' && block.speaker)).toEqual([]);
  });
});

function silentWav(seconds: number): Uint8Array {
  const bytes = sineWav(seconds, 16_000);
  bytes.fill(0, 44);
  return bytes;
}
