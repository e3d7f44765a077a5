import { emptyDoc, type DialogueDoc, type ParagraphNode, type TextLeaf } from '../../shared/editorDoc';
import type { Dialogue } from '../../shared/dialogueSchemas';
import { startHarness } from '../harness/harness';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { StudentsPage } from '../harness/pages/StudentsPage';
import { VaultPages } from '../harness/pages/VaultPages';
import { dutchWords, seededRandom, stats } from './syntheticText';

type Dispatch = (channel: string, request: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;

async function call<T>(dispatch: Dispatch, channel: string, request: unknown): Promise<T> {
  const result = await dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A transcript of `words` words in speaker turns, `tags` of its spans tagged (overlaps allowed). */
async function seedDialogue(dispatch: Dispatch, studentId: string, words: number, tags: number): Promise<Dialogue> {
  const templates = await call<{ id: string; builtinKey: string | null; sections: { key: string }[] }[]>(dispatch, 'templates:list', {});
  const template = templates.find((candidate) => candidate.builtinKey === 'external-career')!;
  const dialogue = await call<Dialogue>(dispatch, 'dialogues:create', {
    studentId, templateVersionId: template.id, heldOn: '2026-11-29', title: `Bench ${words}`, participants: [], placementId: null,
  });
  const codes = await call<{ id: string }[]>(dispatch, 'codes:list', {});
  const random = seededRandom(7);
  const text = dutchWords(words, random);
  const turns: ParagraphNode[] = [];
  for (let index = 0; index < text.length; index += 60) {
    turns.push({ type: 'paragraph', speaker: index % 120 === 0 ? 'Mentor' : 'Leerling', role: index % 120 === 0 ? 'mentor' : 'leerling', children: [{ text: text.slice(index, index + 60).join(' ') }] });
  }
  // Tag spans: split a turn's text into before / tagged / after leaves.
  for (let tag = 0; tag < tags; tag++) {
    const annotation = await call<{ id: string }>(dispatch, 'annotations:create', { dialogueId: dialogue.id, codeId: codes[tag % codes.length]!.id });
    const turn = turns[Math.floor(random() * turns.length)]!;
    const leafIndex = Math.floor(random() * turn.children.length);
    const leaf = turn.children[leafIndex]!;
    const cut = Math.floor(leaf.text.length / 3);
    const parts: TextLeaf[] = [
      { ...leaf, text: leaf.text.slice(0, cut) },
      { ...leaf, text: leaf.text.slice(cut, cut * 2), [`ann_${annotation.id}`]: true },
      { ...leaf, text: leaf.text.slice(cut * 2) },
    ].filter((part) => part.text.length > 0);
    turn.children.splice(leafIndex, 1, ...parts);
  }
  const content: DialogueDoc = emptyDoc(template.sections.map((section) => section.key));
  content[0]!.children = turns;
  await call(dispatch, 'dialogues:save', { id: dialogue.id, revision: dialogue.revision, content });
  return dialogue;
}

/**
 * Keystroke to next paint in headless Chromium: time from keydown to the frame after the DOM
 * reflected the character (two animation frames), for `keys` keystrokes typed mid-transcript.
 */
export async function measureTyping(words: number, tags: number, keys = 80): Promise<{ median: number; p95: number; n: number }> {
  const harness = await startHarness({ backend: { scryptParams: { N: 2 ** 12, r: 8, p: 1 } } });
  try {
    const page = harness.page;
    const vault = new VaultPages(page);
    await vault.waitForCreate();
    await vault.typeNewPassphrase('fiets lantaarn oktober kompas');
    await vault.submitCreate();
    await vault.confirmRecoveryKey();
    const students = new StudentsPage(page);
    await students.add({ displayName: 'Bench Leerling', schoolType: 'havo' });
    const dispatch: Dispatch = (channel, request) => harness.backend.dispatch(channel, request) as never;
    const [student] = await call<{ id: string }[]>(dispatch, 'students:list', {});
    await seedDialogue(dispatch, student!.id, words, tags);
    const d = new DialoguePage(page);
    await d.openStudent('Bench Leerling');
    await page.getByRole('button', { name: new RegExp(`Bench ${words}`) }).click();
    await page.locator('.dialogue-editor').waitFor();
    const target = page.locator('.dialogue-editor p.turn').nth(Math.floor(words / 120));
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const samples: number[] = [];
      (window as unknown as { __samples: number[] }).__samples = samples;
      document.addEventListener('keydown', () => {
        const start = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => samples.push(performance.now() - start)));
      }, { capture: true });
    });
    for (let index = 0; index < keys; index++) {
      await page.keyboard.type(index % 7 === 6 ? ' ' : 'a');
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(500);
    const samples = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples);
    return stats(samples.slice(5));
  } finally {
    await harness.close();
  }
}
