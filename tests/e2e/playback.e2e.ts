import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationMirror } from '../../shared/conversationMirror';
import type { Dialogue } from '../../shared/dialogueSchemas';
import { catalogs } from '../../shared/i18n';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { type App, openUnlockedApp, a11yViolations } from './fixtures';
import { sineWav } from './sineWav';
import { dispatchValue } from '../harness/dispatchValue';

const EXTERNAL = 'Externe dialoog — loopbaangesprek';
const VTT = join(import.meta.dirname, '../fixtures/transcripts/gesprek-stage-teams.vtt');
const mirrorText = catalogs.nl.mirror;

let app: (App & { d: DialoguePage }) | undefined;
afterEach(async () => {
  await app?.harness.close();
  app = undefined;
});

const value = dispatchValue;

/** Imports the Teams VTT fixture (9 timed cues, mentor and student) into a new dialogue. */
async function dialogueWithTranscript(): Promise<{ dialogue: Dialogue; studentId: string }> {
  const opened = await openUnlockedApp();
  await opened.students.add({ displayName: 'Sanne de Vries', schoolType: 'mbo-3' });
  app = { ...opened, d: new DialoguePage(opened.page) };
  await app.d.openStudent('Sanne de Vries');
  await app.d.newDialogue(EXTERNAL, { title: 'Terugluisteren' });
  await app.d.importTranscript(VTT);
  const dialog = app.page.getByRole('dialog');
  await dialog.getByLabel('Mentor Jansen', { exact: true }).selectOption('mentor');
  await dialog.getByLabel('Sanne de Vries', { exact: true }).selectOption('leerling');
  await app.d.confirmImport();
  await app.d.waitSaved();
  const students = await value<{ id: string }[]>(app.harness.backend.dispatch('students:list', {}));
  const studentId = students[0]!.id;
  const [summary] = await value<{ id: string }[]>(app.harness.backend.dispatch('dialogues:list', { studentId }));
  const dialogue = await value<Dialogue>(app.harness.backend.dispatch('dialogues:get', { id: summary!.id }));
  return { dialogue, studentId };
}

const audioState = () => app!.page.evaluate(() => {
  const audio = document.querySelector('audio')!;
  return { time: audio.currentTime, paused: audio.paused, rate: audio.playbackRate };
});

describe('listening back in sync (issue 17 #6)', () => {
  it('keeps the transcript’s times, plays a turn from its start, highlights it, and answers the keys', async () => {
    const { dialogue, studentId } = await dialogueWithTranscript();
    const { page } = app!;

    // The cue times are in the stored document and shown beside the turns.
    const turns = dialogue.content.flatMap((section) => section.children).filter((block) => block.type === 'paragraph' && block.speaker);
    expect(turns.map((turn) => (turn as { startMs?: number }).startMs)).toEqual([1_000, 6_800, 15_500, 19_300, 32_100, 38_700, 50_300, 59_100, 69_000]);
    await page.locator('p.turn .turn-time', { hasText: '0:32' }).waitFor();
    // Without audio there is nothing to play: plain text, no button.
    expect(await page.locator('button.turn-time').count()).toBe(0);

    // A recording stored through the recorder's channels: 80 s of a quiet tone, as WAV.
    await value(app!.harness.backend.dispatch('consent:register', { studentId, givenOn: '2026-11-20', givenBy: 'student', purpose: 'Terugluisteren van het gesprek' }));
    const recording = await value<{ id: string }>(app!.harness.backend.dispatch('recordings:start', { dialogueId: dialogue.id, mime: 'audio/wav' }));
    const wav = sineWav(80, 8_000);
    const CHUNK = 600_000;
    for (let seq = 0; seq * CHUNK < wav.length; seq++) {
      await value(app!.harness.backend.dispatch('recordings:appendChunk', { recordingId: recording.id, seq, bytes: wav.subarray(seq * CHUNK, (seq + 1) * CHUNK) }));
    }
    await value(app!.harness.backend.dispatch('recordings:finish', { recordingId: recording.id, durationMs: 80_000 }));

    await app!.d.backToStudent('Sanne de Vries');
    await page.locator('button.dialogue-card', { hasText: 'Terugluisteren' }).click();
    const player = page.getByTestId('player');
    await player.waitFor();
    await page.waitForFunction(() => Number.isFinite(document.querySelector('audio')?.duration) && document.querySelector('audio')!.duration > 79);

    // Click the time of the fifth turn (0:32.1): playback starts there and that turn lights up.
    await page.getByRole('button', { name: 'Afspelen vanaf 0:32 (Mentor Jansen)' }).click();
    await page.waitForFunction(() => !document.querySelector('audio')!.paused);
    let state = await audioState();
    expect(state.time).toBeGreaterThanOrEqual(32.1);
    expect(state.time).toBeLessThan(34);
    const playing = page.locator('mark.playing-turn');
    await playing.first().waitFor();
    expect(await playing.allInnerTexts()).toEqual([expect.stringContaining('Wat deed dat met je?')]);
    await page.getByTestId('player-now').filter({ hasText: 'Nu: Mentor Jansen, 0:32' }).waitFor();
    // A decoration, not a document change: nothing to save.
    expect(await page.locator('.save-status [data-state="dirty"]').count()).toBe(0);

    // Keys, from the editor: focus in the third turn's text, then Alt+Enter plays from that turn.
    await page.locator('p.turn', { hasText: 'Wat heb je toen gedaan?' }).locator('span[data-slate-string]').click();
    await page.keyboard.press('Alt+Enter');
    await page.waitForFunction(() => { const audio = document.querySelector('audio')!; return audio.currentTime >= 15.5 && audio.currentTime < 17.5; });
    await page.locator('mark.playing-turn', { hasText: 'Wat heb je toen gedaan?' }).waitFor();

    // Speed: Alt+. twice is 1.5×, Alt+, once back to 1.25×; the choice shows in the player.
    await page.keyboard.press('Alt+Period');
    await page.keyboard.press('Alt+Period');
    await page.waitForFunction(() => document.querySelector('audio')!.playbackRate === 1.5);
    await page.keyboard.press('Alt+Comma');
    await page.waitForFunction(() => document.querySelector('audio')!.playbackRate === 1.25);
    expect(await page.getByTestId('player-speed').inputValue()).toBe('1.25');
    // Not typed into the editor (Option+key would type a character on macOS; here nothing changed).
    expect(await page.locator('p.turn', { hasText: 'Wat heb je toen gedaan?' }).innerText()).not.toMatch(/[.,]{2}/);

    // Pause, then ±5 s.
    await page.keyboard.press('Alt+KeyK');
    await page.waitForFunction(() => document.querySelector('audio')!.paused);
    const before = (await audioState()).time;
    await page.keyboard.press('Alt+KeyL');
    await page.waitForFunction((from) => Math.abs(document.querySelector('audio')!.currentTime - (from + 5)) < 0.3, before);
    await page.keyboard.press('Alt+KeyJ');
    await page.keyboard.press('Alt+KeyJ');
    await page.waitForFunction((from) => Math.abs(document.querySelector('audio')!.currentTime - (from - 5)) < 0.3, before);
    // Back 5 s from 15.5–17.5 s lands in the second turn (6.8 s): the highlight follows.
    await page.locator('mark.playing-turn', { hasText: 'Best goed, maar er was één dag' }).waitFor();
    state = await audioState();
    expect(state.paused).toBe(true);
    // The editor never got the keys: the document is as imported.
    expect(await page.locator('.save-status [data-state="dirty"]').count()).toBe(0);

    // The F1 list names the player's keys.
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog');
    await help.getByText(catalogs.nl.playback.keys.toggle).waitFor();
    await help.getByText('Alt+Enter').waitFor();
    await page.keyboard.press('Escape');

    expect(await a11yViolations(page)).toEqual([]);
  });
});

describe('the conversation mirror (issue 17 #7)', () => {
  it('shows the figures of the imported transcript beside the dialogue, and the no-agreement warning until one is made', async () => {
    const { dialogue } = await dialogueWithTranscript();
    const { page } = app!;
    const panel = page.getByTestId('mirror-panel');
    await panel.waitFor();
    await panel.getByRole('heading', { name: mirrorText.title }).waitFor();

    // The figures the shared module computes for the stored turns.
    const turns = dialogue.content.flatMap((section) => section.children).flatMap((block) => (block.type === 'paragraph' && block.speaker
      ? [{ speaker: block.speaker, role: block.role, text: block.children.map((leaf) => leaf.text).join(''), startMs: block.startMs }] : []));
    const expected = conversationMirror({ turns, agreements: 0 });
    expect(expected).toMatchObject({ open: 4, closed: 0 });
    expect(await panel.getByTestId('questions-open').innerText()).toBe('4');
    expect(await panel.getByTestId('questions-closed').innerText()).toBe('0');
    const percent = new Intl.NumberFormat('nl', { style: 'percent', maximumFractionDigits: 0 });
    for (const share of expected.shares) {
      const row = panel.locator(`li[data-speaker="${share.speaker}"]`);
      expect(await row.getByTestId('share-words').innerText()).toBe(`${percent.format(share.wordShare)} van de woorden`);
      expect(await row.getByTestId('share-time').innerText()).toContain(`${percent.format(share.timeShare!)} van de tijd`);
    }
    // The student spoke most: the mirror says so in words.
    expect(expected.shares.find((share) => share.speaker === 'Sanne de Vries')!.wordShare).toBeGreaterThan(0.5);

    // Steps: looking back (“vorige keer”) and a next step (“afspraak”) came up.
    await panel.locator('li[data-step="lookBack"][data-covered="true"]').getByText('“vorige keer”', { exact: false }).waitFor();
    await panel.locator('li[data-step="nextStep"][data-covered="true"]').waitFor();
    await panel.getByText(mirrorText.howTitle).click();
    await panel.getByText(mirrorText.how[4]!).waitFor();

    // The agreement the transcript speaks of was not recorded yet: warned until it is.
    await panel.getByText(mirrorText.noAgreement).waitFor();
    await app!.d.addAction('Meeloopdag aanvragen op de afdeling geriatrie', 'student', '2026-12-04');
    await panel.getByText(mirrorText.noAgreement).waitFor({ state: 'detached' });

    // Word summary: the option is there, off by default.
    await page.getByRole('button', { name: catalogs.nl.exporting.dialogueButton }).click();
    const exportDialog = page.getByRole('dialog');
    const include = exportDialog.getByLabel(mirrorText.include);
    expect(await include.isChecked()).toBe(false);
    await page.keyboard.press('Escape');

    expect(await a11yViolations(page)).toEqual([]);
  });
});
