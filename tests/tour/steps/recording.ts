import assert from 'node:assert/strict';
import { catalogs } from '../../../shared/i18n';
import type { Recording } from '../../../shared/recordingSchemas';
import { DialoguePage } from '../../harness/pages/DialoguePage';
import { filesContainingBytes } from '../../harness/plaintextScan';
import type { TourContext } from '../context';

const nl = catalogs.nl;
const r = nl.recording;
const STUDENT = 'Sanne de Vries';

/**
 * Issue 17: consent first, then a dialogue recorded in the app (Chromium's fake microphone plays
 * a WAV that espeak-ng speaks in Dutch), with the red indicator while it runs and the recording
 * listed after. `microphone` is false when espeak-ng could not make the WAV: then it says so and
 * the chapter is left out.
 */
export async function recording(ctx: TourContext, microphone: { wav: string } | { missing: string }): Promise<void> {
  if ('missing' in microphone) {
    console.log(`  – recording chapter left out: ${microphone.missing}`);
    return;
  }
  const { run, harness } = ctx;
  const page = harness.page;
  const d = new DialoguePage(page);

  await run.step('toestemming-opnemen', async () => {
    await page.getByRole('navigation').getByRole('button', { name: nl.nav.students }).click();
    await d.openStudent(STUDENT);
    const panel = page.locator('.consent-panel');
    await panel.getByRole('button', { name: r.consent.register }).click();
    const dialog = page.getByRole('dialog', { name: r.consent.registerTitle });
    await dialog.getByLabel(r.consent.givers.parent_guardian).check();
    await dialog.getByRole('button', { name: r.consent.register }).waitFor();
  });
  await run.step('toestemming-vastgelegd', async () => {
    await page.getByRole('dialog', { name: r.consent.registerTitle }).getByRole('button', { name: r.consent.register }).click();
    await page.locator('.consent-panel').getByRole('button', { name: r.consent.revoke }).waitFor();
    await page.locator('.consent-panel').scrollIntoViewIfNeeded();
  });
  await run.step('opname-loopt', async () => {
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Opgenomen stagegesprek' });
    const panel = page.locator('.recorder-panel');
    await panel.getByRole('button', { name: r.recorder.record }).click();
    await page.getByTestId('recording-indicator').getByText(r.recorder.recording).waitFor();
    // About three seconds of the spoken Dutch, so the picture shows the time running.
    await page.waitForTimeout(3200);
  }, { window: true });
  await run.step('opname-bewaard', async () => {
    const panel = page.locator('.recorder-panel');
    await panel.getByRole('button', { name: r.recorder.stop }).click();
    await page.getByTestId('recording-indicator').waitFor({ state: 'detached' });
    await panel.locator('.recording-item').first().waitFor();
  }, { window: true });

  // The audio is in the vault, encrypted: no file of the profile holds any of its bytes as they are.
  const students = await harness.backend.dispatch('students:list', {}) as { ok: true; value: { id: string; displayName: string }[] };
  const student = students.value.find((s) => s.displayName === STUDENT)!;
  const dialogues = await harness.backend.dispatch('dialogues:list', { studentId: student.id }) as { ok: true; value: { id: string; title: string }[] };
  const dialogue = dialogues.value.find((item) => item.title === 'Opgenomen stagegesprek')!;
  const listed = await harness.backend.dispatch('recordings:list', { dialogueId: dialogue.id }) as { ok: true; value: Recording[] };
  assert.equal(listed.value.length, 1, 'one recording kept');
  const audio = await harness.backend.dispatch('recordings:read', { recordingId: listed.value[0]!.id }) as { ok: true; value: { bytes: Uint8Array } };
  const bytes = Buffer.from(audio.value.bytes);
  assert.ok(bytes.length > 3000, 'the recording holds audio');
  const slices = [0.25, 0.5, 0.75].map((at) => bytes.subarray(Math.floor(bytes.length * at), Math.floor(bytes.length * at) + 48));
  assert.deepEqual(await filesContainingBytes(harness.profileDir, slices), [], 'no file in the profile holds the audio unencrypted');
}
