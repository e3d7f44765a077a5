import type { ParagraphNode } from '../../shared/editorDoc';
import { emptyDoc } from '../../shared/editorDoc';
import { clientFor } from '../harness/clientFor';
import { startHarness } from '../harness/harness';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { StudentsPage } from '../harness/pages/StudentsPage';
import { VaultPages } from '../harness/pages/VaultPages';
import { sineWav } from '../e2e/sineWav';
import { type Figure, summarise } from './figure';
import { idleFor, startWatch, stopWatch } from './rendererStalls';
import { dutchWords, seededRandom } from './syntheticText';

/**
 * Issue 17 #6: the renderer's longest main-thread stall while a long transcript plays back in
 * sync (timeupdate → binary search for the turn; the turn heard as an editor decoration, changed
 * only when the turn changes). The transcript has 20,000 words in 333 turns, one every 1.5 s,
 * played at 2× from the first turn, so the highlight moves about 1.3 times a second. Baseline:
 * the same page, same dialogue, idle (paused) for as long, in the same run. Same watch as
 * rendererStalls.ts.
 */
export async function measurePlaybackStalls(rounds = 3, seconds = 12): Promise<Figure> {
  const harness = await startHarness({ backend: { scryptParams: { N: 2 ** 12, r: 8, p: 1 } }, viewport: { width: 1366, height: 768 } });
  try {
    const page = harness.page;
    const vault = new VaultPages(page);
    await vault.waitForCreate();
    await vault.typeNewPassphrase('fiets lantaarn oktober kompas');
    await vault.submitCreate();
    await vault.confirmRecoveryKey();
    await new StudentsPage(page).add({ displayName: 'Bench Leerling', schoolType: 'havo' });
    const api = clientFor(harness.backend);
    const [student] = await api.students.list();
    const template = (await api.templates.list()).find((candidate) => candidate.builtinKey === 'external-career')!;
    const dialogue = await api.dialogues.create({ studentId: student!.id, templateVersionId: template.id, heldOn: '2026-11-29', title: 'Bench afspelen', participants: [], placementId: null });
    const text = dutchWords(20_000, seededRandom(7));
    const turns: ParagraphNode[] = [];
    for (let index = 0; index < text.length; index += 60) {
      const mentor = index % 120 === 0;
      turns.push({ type: 'paragraph', speaker: mentor ? 'Mentor' : 'Leerling', role: mentor ? 'mentor' : 'student', startMs: turns.length * 1_500, children: [{ text: text.slice(index, index + 60).join(' ') }] });
    }
    const content = emptyDoc(template.sections.map((section) => section.key));
    content[0]!.children = turns;
    await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content });
    await api.consent.register({ studentId: student!.id, givenOn: '2026-11-29', givenBy: 'student', purpose: 'bench' });
    const recording = await api.recordings.start({ dialogueId: dialogue.id, mime: 'audio/wav' });
    const durationS = Math.ceil((turns.length * 1_500) / 1000) + 5;
    const wav = sineWav(durationS, 8_000);
    for (let seq = 0; seq * 900_000 < wav.length; seq++) {
      await api.recordings.appendChunk({ recordingId: recording.id, seq, bytes: wav.subarray(seq * 900_000, (seq + 1) * 900_000) });
    }
    await api.recordings.finish({ recordingId: recording.id, durationMs: durationS * 1000 });

    await new DialoguePage(page).openStudent('Bench Leerling');
    await page.getByRole('button', { name: /Bench afspelen/ }).click();
    await page.getByTestId('player').waitFor();
    await page.waitForFunction(() => (document.querySelector('audio')?.duration ?? 0) > 100);
    await page.getByTestId('player-speed').selectOption('2');

    const values: number[] = [];
    const baselines: number[] = [];
    let changes = 0;
    for (let round = 0; round < rounds; round++) {
      await page.getByRole('button', { name: /^Afspelen vanaf 0:00/ }).first().click();
      await page.waitForFunction(() => !document.querySelector('audio')!.paused);
      await startWatch(page);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      values.push(await stopWatch(page));
      const after = await page.evaluate(() => document.querySelector('audio')!.currentTime);
      changes += Math.floor(after / 1.5);
      await page.keyboard.press('Alt+KeyK');
      await page.waitForFunction(() => document.querySelector('audio')!.paused);
      baselines.push(await idleFor(page, seconds * 1000));
    }
    const value = summarise(values);
    return {
      id: 'rendererStall-playback',
      figure: `longest stall of the renderer's main thread while a 20,000-word transcript (333 timed turns) plays back in sync at 2× (${seconds} s a round, about ${Math.round(changes / rounds)} turn changes)`,
      unit: 'ms', value,
      baseline: { label: 'the same dialogue open, paused, as long', ...summarise(baselines) },
      target: '≤ 16 ms', met: value.p95 <= 16,
    };
  } finally {
    await harness.close();
  }
}

// `npx tsx tests/bench/playbackStalls.ts`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const figure = await measurePlaybackStalls();
  console.log(JSON.stringify(figure, null, 2));
}
