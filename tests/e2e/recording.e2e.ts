import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';
import type { Recording } from '../../shared/recordingSchemas';
import { filesContainingBytes } from '../harness/plaintextScan';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { spokenDutchWav } from '../harness/spokenWav';
import { type App, FAST_KDF, openApp, PASSPHRASE, a11yViolations } from './fixtures';

const nl = catalogs.nl;
const r = nl.recording;
const NAME = 'Noor el Amrani';

let app: App | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

const made = spokenDutchWav(mkdtempSync(join(tmpdir(), 'lbd-wav-')));
if ('missing' in made) console.warn(`recording e2e skipped: ${made.missing}`);

/** An unlocked app whose Chromium hears the spoken WAV as its microphone, with a student and a dialogue. */
async function appWithDialogue(): Promise<App & { d: DialoguePage }> {
  if (!('wav' in made)) throw new Error('no wav');
  const opened = await openApp({ ...FAST_KDF, fakeMicrophone: made.wav });
  await opened.vault.waitForCreate();
  await opened.vault.typeNewPassphrase(PASSPHRASE);
  await opened.vault.submitCreate();
  await opened.vault.confirmRecoveryKey();
  await opened.students.waitForList();
  await opened.students.add({ displayName: NAME, schoolType: 'mbo-2' });
  const d = new DialoguePage(opened.page);
  await d.openStudent(NAME);
  return { ...opened, d };
}

async function registerConsent(page: Page): Promise<void> {
  const panel = page.locator('.consent-panel');
  await panel.getByText(r.consent.none).waitFor();
  await panel.getByRole('button', { name: r.consent.register }).click();
  const dialog = page.getByRole('dialog', { name: r.consent.registerTitle });
  await dialog.getByLabel(r.consent.givenOn).fill('2026-11-30');
  await dialog.getByLabel(r.consent.givers.parent_guardian).check();
  await dialog.getByRole('button', { name: r.consent.register }).click();
  await dialog.waitFor({ state: 'detached' });
  await panel.getByText(/^Toestemming gegeven op 30 nov\.? 2026 door een ouder of voogd\.$/).waitFor();
  await panel.getByRole('button', { name: r.consent.revoke }).waitFor();
}

async function listed(app: App): Promise<Recording[]> {
  const students = await app.harness.backend.dispatch('students:list', {}) as { ok: true; value: { id: string }[] };
  const dialogues = await app.harness.backend.dispatch('dialogues:list', { studentId: students.value[0]!.id }) as { ok: true; value: { id: string }[] };
  const result = await app.harness.backend.dispatch('recordings:list', { dialogueId: dialogues.value[0]!.id }) as { ok: true; value: Recording[] };
  return result.value;
}

async function audioOf(app: App, recordingId: string): Promise<Buffer> {
  const result = await app.harness.backend.dispatch('recordings:read', { recordingId }) as { ok: true; value: { bytes: Uint8Array } };
  return Buffer.from(result.value.bytes);
}

/** Keeps every stream the page gets from getUserMedia, so a test can end its track as an unplugged microphone does. */
async function keepStreams(page: Page): Promise<void> {
  await page.evaluate(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    const kept: MediaStream[] = [];
    (window as unknown as { __streams: MediaStream[] }).__streams = kept;
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      kept.push(stream);
      return stream;
    };
  });
}

describe.skipIf('missing' in made)('recording a dialogue (issue 17)', () => {
  it('needs consent; records with a red indicator, pause and stop; keeps the audio encrypted', async () => {
    const opened = await appWithDialogue();
    app = opened;
    const { page, d } = opened;
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Stagegesprek', heldOn: '2026-11-30' });
    // No consent yet: no record button, a hint that leads to the consent panel.
    const panel = page.locator('.recorder-panel');
    await panel.getByText(r.recorder.noConsent).waitFor();
    expect(await panel.getByRole('button', { name: r.recorder.record }).count()).toBe(0);
    await panel.getByRole('button', { name: r.recorder.toConsent }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await registerConsent(page);
    await page.getByRole('button', { name: /Stagegesprek/ }).click();
    await page.locator('.dialogue-editor').waitFor();

    await panel.getByRole('button', { name: r.recorder.record }).click();
    const indicator = page.getByTestId('recording-indicator');
    await indicator.getByText(r.recorder.recording).waitFor();
    await page.waitForTimeout(1500);
    await panel.getByRole('button', { name: r.recorder.pause }).click();
    await indicator.getByText(r.recorder.paused).waitFor();
    const pausedAt = await indicator.locator('.recording-elapsed').textContent();
    await page.waitForTimeout(1200);
    // Paused time does not count.
    expect(await indicator.locator('.recording-elapsed').textContent()).toBe(pausedAt);
    await panel.getByRole('button', { name: r.recorder.resume }).click();
    await indicator.getByText(r.recorder.recording).waitFor();
    await page.waitForTimeout(1800);
    expect(await a11yViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: r.recorder.stop }).click();
    await indicator.waitFor({ state: 'detached' });
    await panel.locator('.recording-item').first().waitFor();

    const [recording] = await listed(opened);
    expect(recording).toMatchObject({ status: 'complete', source: 'recorded', interrupted: false, mime: 'audio/webm;codecs=opus' });
    expect(recording!.durationMs).toBeGreaterThan(2500);
    // The a11y scan ran while recording, so the upper bound is loose; paused time was checked above.
    expect(recording!.durationMs).toBeLessThan(30_000);
    const audio = await audioOf(opened, recording!.id);
    expect(audio.length).toBe(recording!.byteCount);
    // A WebM file (EBML header), with sound in it: a few kilobytes a second at 32 kbit/s.
    expect(audio.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
    expect(audio.length).toBeGreaterThan(3000);

    // Nothing in the data folder holds the audio as it is: slices from the middle of the file.
    const slices = [0.3, 0.5, 0.7].map((at) => audio.subarray(Math.floor(audio.length * at), Math.floor(audio.length * at) + 48));
    expect(await filesContainingBytes(opened.harness.profileDir, slices)).toEqual([]);

    // Deleting asks first, then the recording is gone.
    await panel.getByRole('button', { name: /Opname van .* verwijderen/ }).click();
    await page.getByRole('alertdialog', { name: r.list.deleteTitle }).getByRole('button', { name: r.list.delete }).click();
    await panel.getByText(r.list.title).waitFor({ state: 'detached' });
    expect(await listed(opened)).toEqual([]);
  }, 120_000);

  it('an unplugged microphone stops the recording with its own message and keeps what was recorded', async () => {
    const opened = await appWithDialogue();
    app = opened;
    const { page, d } = opened;
    await registerConsent(page);
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Losgekoppeld', heldOn: '2026-11-30' });
    await keepStreams(page);
    const panel = page.locator('.recorder-panel');
    await panel.getByRole('button', { name: r.recorder.record }).click();
    await page.getByTestId('recording-indicator').getByText(r.recorder.recording).waitFor();
    await page.waitForTimeout(2500);
    // What Chromium does when the device goes away: the track ends.
    await page.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams[0]!.getAudioTracks()[0]!.dispatchEvent(new Event('ended')));
    await panel.getByRole('alert').filter({ hasText: r.recorder.unplugged }).waitFor();
    expect(r.recorder.unplugged).toMatch(/^Microfoon losgekoppeld/);
    await panel.locator('.recording-item').first().waitFor();
    const [recording] = await listed(opened);
    expect(recording).toMatchObject({ status: 'complete' });
    expect(recording!.byteCount).toBeGreaterThan(2000);
    expect((await audioOf(opened, recording!.id)).subarray(0, 4).toString('hex')).toBe('1a45dfa3');
  }, 120_000);

  it('microphone permission denied by the OS: its own message, nothing stored', async () => {
    const opened = await appWithDialogue();
    app = opened;
    const { page, d } = opened;
    await registerConsent(page);
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Geweigerd', heldOn: '2026-11-30' });
    // What getUserMedia answers when the OS (or the session's permission handler) says no.
    await page.evaluate(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const panel = page.locator('.recorder-panel');
    await panel.getByRole('button', { name: r.recorder.record }).click();
    await panel.getByRole('alert').filter({ hasText: r.recorder.denied }).waitFor();
    expect(await page.getByTestId('recording-indicator').count()).toBe(0);
    expect(await listed(opened)).toEqual([]);
    // The button is there again for another try.
    await panel.getByRole('button', { name: r.recorder.record }).waitFor();
  }, 120_000);

  it('revoking consent asks first and deletes the recordings', async () => {
    const opened = await appWithDialogue();
    app = opened;
    const { page, d } = opened;
    await registerConsent(page);
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Intrekken', heldOn: '2026-11-30' });
    const panel = page.locator('.recorder-panel');
    await panel.getByRole('button', { name: r.recorder.record }).click();
    await page.getByTestId('recording-indicator').getByText(r.recorder.recording).waitFor();
    await page.waitForTimeout(1500);
    await panel.getByRole('button', { name: r.recorder.stop }).click();
    await panel.locator('.recording-item').first().waitFor();
    expect(await listed(opened)).toHaveLength(1);

    await page.getByRole('button', { name: `← ${nl.dialogue.screen.back.replace('{{name}}', NAME)}` }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await page.locator('.consent-panel').getByRole('button', { name: r.consent.revoke }).click();
    const question = page.getByRole('alertdialog', { name: r.consent.revokeTitle });
    await question.getByText(r.consent.revokeBody).waitFor();
    await question.getByRole('button', { name: r.consent.revokeConfirm }).click();
    await page.getByText('Toestemming ingetrokken; 1 opname verwijderd.').waitFor();
    await page.locator('.consent-panel').getByText(r.consent.none).waitFor();
    expect(await listed(opened)).toEqual([]);
  }, 120_000);
});
