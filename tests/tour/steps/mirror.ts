import { catalogs } from '../../../shared/i18n';
import { DialoguePage } from '../../harness/pages/DialoguePage';
import { sineWav } from '../../e2e/sineWav';
import type { TourContext } from '../context';
import { STAGE_VTT } from './dialogueWorkspace';
import { dispatchValue } from '../../harness/dispatchValue';

const nl = catalogs.nl;
const STUDENT = 'Sanne de Vries';
const TITLE = 'Gespreksspiegel na de stage';

const ok = dispatchValue;

/**
 * Issue 17 #6 and #7: an imported Teams transcript with speakers shows the conversation mirror
 * beside it; with a recording attached, a turn plays from its start and is highlighted while
 * it is heard. The recording here is a generated tone stored through the recorder's channels
 * (the transcript's own audio is not in the fixtures); its length covers the transcript's times.
 */
export async function mirror(ctx: TourContext): Promise<void> {
  const { run, harness } = ctx;
  const page = harness.page;
  const d = new DialoguePage(page);

  await run.step('gespreksspiegel', async () => {
    await page.getByRole('navigation').getByRole('button', { name: nl.nav.students }).click();
    await d.openStudent(STUDENT);
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: TITLE });
    await d.importTranscript(STAGE_VTT, { section: 'Ervaring delen' });
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mentor Jansen', { exact: true }).selectOption('mentor');
    await dialog.getByLabel('Sanne de Vries', { exact: true }).selectOption('leerling');
    await d.confirmImport();
    await d.waitSaved();
    const panel = page.getByTestId('mirror-panel');
    await panel.getByTestId('questions-open').waitFor();
    await panel.getByText(nl.mirror.noAgreement).waitFor();
    await page.locator('.turn-time', { hasText: '0:32' }).waitFor();
    // The side column scrolls on its own: bring the mirror into the window for the picture.
    await panel.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  }, { window: true });

  await run.step('gespreksspiegel-uitleg', async () => {
    const panel = page.getByTestId('mirror-panel');
    await panel.getByText(nl.mirror.howTitle).click();
    await panel.getByText(nl.mirror.how[4]!).waitFor();
    await panel.getByText(nl.mirror.howTitle).evaluate((element) => element.scrollIntoView({ block: 'start' }));
  }, { window: true });

  // The recording, through the recorder's channels (consent was registered in the recording chapter, or here).
  const students = await ok<{ id: string; displayName: string }[]>(harness.backend.dispatch('students:list', {}));
  const student = students.find((s) => s.displayName === STUDENT)!;
  const dialogues = await ok<{ id: string; title: string }[]>(harness.backend.dispatch('dialogues:list', { studentId: student.id }));
  const dialogue = dialogues.find((item) => item.title === TITLE)!;
  const consent = await ok<unknown>(harness.backend.dispatch('consent:get', { studentId: student.id }));
  if (!consent) await ok(harness.backend.dispatch('consent:register', { studentId: student.id, givenOn: '2026-11-20', givenBy: 'parent_guardian', purpose: 'Terugluisteren van het gesprek' }));
  const recording = await ok<{ id: string }>(harness.backend.dispatch('recordings:start', { dialogueId: dialogue.id, mime: 'audio/wav' }));
  const wav = sineWav(80, 8_000);
  for (let seq = 0; seq * 600_000 < wav.length; seq++) {
    await ok(harness.backend.dispatch('recordings:appendChunk', { recordingId: recording.id, seq, bytes: wav.subarray(seq * 600_000, (seq + 1) * 600_000) }));
  }
  await ok(harness.backend.dispatch('recordings:finish', { recordingId: recording.id, durationMs: 80_000 }));

  await run.step('beurt-afspelen', async () => {
    await d.backToStudent(STUDENT);
    await page.locator('button.dialogue-card', { hasText: TITLE }).click();
    await page.getByTestId('player').waitFor();
    await page.waitForFunction(() => (document.querySelector('audio')?.duration ?? 0) > 79);
    await page.getByRole('button', { name: 'Afspelen vanaf 0:32 (Mentor Jansen)' }).click();
    await page.locator('mark.playing-turn', { hasText: 'Wat deed dat met je?' }).waitFor();
    await page.keyboard.press('Alt+Period');
    await page.waitForFunction(() => document.querySelector('audio')!.playbackRate === 1.25);
    await page.keyboard.press('Alt+KeyK');
    await page.waitForFunction(() => document.querySelector('audio')!.paused);
    await page.getByTestId('player').evaluate((element) => element.scrollIntoView({ block: 'start' }));
  }, { window: true });
}
