import type { Page } from 'playwright-core';
import { emptyDoc, type DialogueDoc, type ParagraphNode, type TextLeaf } from '../../shared/editorDoc';
import type { Api } from '../../shared/api';
import type { Dialogue } from '../../shared/dialogueSchemas';
import { clientFor } from '../harness/clientFor';
import { type Harness, startHarness } from '../harness/harness';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { StudentsPage } from '../harness/pages/StudentsPage';
import { VaultPages } from '../harness/pages/VaultPages';
import { dutchWords, seededRandom, stats } from './syntheticText';

type Stats = ReturnType<typeof stats>;

/** A transcript of `words` words in speaker turns, `tags` of its spans tagged (overlaps allowed). */
async function seedDialogue(api: Api, studentId: string, words: number, tags: number): Promise<Dialogue> {
  const templates = await api.templates.list();
  const template = templates.find((candidate) => candidate.builtinKey === 'external-career')!;
  const dialogue = await api.dialogues.create({
    studentId, templateVersionId: template.id, heldOn: '2026-11-29', title: `Bench ${words}`, participants: [], placementId: null,
  });
  const codes = await api.codes.list();
  const random = seededRandom(7);
  const text = dutchWords(words, random);
  const turns: ParagraphNode[] = [];
  for (let index = 0; index < text.length; index += 60) {
    turns.push({ type: 'paragraph', speaker: index % 120 === 0 ? 'Mentor' : 'Leerling', role: index % 120 === 0 ? 'mentor' : 'student', children: [{ text: text.slice(index, index + 60).join(' ') }] });
  }
  // Tag spans: split a turn's text into before / tagged / after leaves.
  for (let tag = 0; tag < tags; tag++) {
    const annotation = await api.annotations.create({ dialogueId: dialogue.id, codeId: codes[tag % codes.length]!.id });
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
  await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content });
  return dialogue;
}

/** A fresh vault with one seeded dialogue, open in the editor. The caller closes the harness. */
export async function openBenchDialogue(words: number, tags: number): Promise<Harness> {
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
    const api = clientFor(harness.backend);
    const [student] = await api.students.list();
    await seedDialogue(api, student!.id, words, tags);
    await new DialoguePage(page).openStudent('Bench Leerling');
    await page.getByRole('button', { name: new RegExp(`Bench ${words}`) }).click();
    await page.locator('.dialogue-editor').waitFor();
    return harness;
  } catch (error) {
    await harness.close();
    throw error;
  }
}

interface Probe {
  /** Keydown `timeStamp` of every keystroke, and keydown to just after the next paint. */
  keys: { at: number; latency: number }[];
  /** Keydown `timeStamp` of the other keys (End, arrows: placing the caret, not typing). */
  otherKeys: number[];
  /** Event Timing entries (Chrome: event timestamp to next paint, 8 ms granularity, ≥ 16 ms only). */
  entries: { name: string; startTime: number; duration: number }[];
}

/**
 * Installs the two measures in the page. Primary: from the keydown's `timeStamp` (so input
 * queueing counts) to a message posted from the next animation frame, which is delivered once
 * that frame has been painted. Cross-check: the Event Timing API, which only reports slow events.
 */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe: Probe = { keys: [], otherKeys: [], entries: [] };
    (window as unknown as { __typingProbe: Probe }).__typingProbe = probe;
    document.addEventListener('keydown', (event) => {
      // Only characters: the arrows and End that place the caret are not typing.
      if (event.key.length !== 1) {
        probe.otherKeys.push(event.timeStamp);
        return;
      }
      const at = event.timeStamp;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          probe.keys.push({ at, latency: performance.now() - at });
          channel.port1.close();
        };
        channel.port2.postMessage(null);
      });
    }, { capture: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (['keydown', 'keypress', 'beforeinput', 'input', 'keyup'].includes(entry.name)) {
          probe.entries.push({ name: entry.name, startTime: entry.startTime, duration: entry.duration });
        }
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  });
}

/**
 * Event Timing per keystroke: the longest keydown/keypress/beforeinput/input entry that started
 * with it (keyup is a separate interaction). Keystrokes with no entry were faster than 16 ms and
 * count as 16, so the figures are upper bounds where they read 16.
 */
function eventTimingPerKey(probe: Probe): number[] {
  const starts = [...probe.keys.map((key, index) => ({ at: key.at, index })), ...probe.otherKeys.map((at) => ({ at, index: -1 }))]
    .sort((a, b) => a.at - b.at);
  const longest = probe.keys.map(() => 16);
  for (const entry of probe.entries) {
    if (entry.name === 'keyup') continue;
    const owner = starts.findLast((start) => start.at <= entry.startTime + 0.5);
    if (owner && owner.index >= 0) longest[owner.index] = Math.max(longest[owner.index]!, entry.duration);
  }
  return longest;
}

/** Where the caret goes for each run of keystrokes: all deterministic for a given document. */
async function placeCaret(page: Page, spot: number): Promise<void> {
  const turns = page.locator('.dialogue-editor p.turn');
  const count = await turns.count();
  const tagged = page.locator('.dialogue-editor p.turn span.tag');
  const taggedCount = await tagged.count();
  if (spot === 0 || taggedCount === 0) {
    // The end of the middle turn.
    const target = turns.nth(Math.floor(count / 2));
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.keyboard.press('End');
  } else if (spot === 1) {
    // Just after a tagged passage in the middle of the document (typing in its own leaf).
    const tag = tagged.nth(Math.floor(taggedCount / 2));
    await tag.scrollIntoViewIfNeeded();
    const box = (await tag.boundingBox())!;
    await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
    await page.keyboard.press('ArrowRight');
  } else {
    // Inside a tagged passage (a correction to tagged words re-renders the tag).
    const tag = tagged.nth(Math.floor(taggedCount / 3));
    await tag.scrollIntoViewIfNeeded();
    const box = (await tag.boundingBox())!;
    await page.mouse.click(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
  }
}

export interface TypingResult extends Stats {
  /** The Event Timing API's figure for the same keystrokes (see eventTimingPerKey). */
  eventTiming: Stats;
}

/**
 * Every kept keystroke in typing order (ms), by both measures: for seeing where outliers fall.
 * `keys` keystrokes are typed at three places (the middle of the transcript, after and inside a
 * tagged passage); the first `warmup` are dropped.
 */
export async function typingSamples(words: number, tags: number, keys = 150, warmup = 10): Promise<{ nextPaint: number[]; eventTiming: number[] }> {
  const harness = await openBenchDialogue(words, tags);
  try {
    const page = harness.page;
    await installProbe(page);
    const spots = 3;
    const perSpot = Math.ceil((keys + warmup) / spots);
    for (let spot = 0, typed = 0; spot < spots; spot++) {
      await placeCaret(page, spot);
      await page.waitForTimeout(300);
      for (let index = 0; index < perSpot && typed < keys + warmup; index++, typed++) {
        await page.keyboard.type(index % 7 === 6 ? ' ' : 'a');
        await page.waitForTimeout(40);
      }
    }
    await page.waitForTimeout(500);
    const probe = await page.evaluate(() => (window as unknown as { __typingProbe: Probe }).__typingProbe);
    return { nextPaint: probe.keys.map((key) => key.latency).slice(warmup), eventTiming: eventTimingPerKey(probe).slice(warmup) };
  } finally {
    await harness.close();
  }
}

/** Keystroke to next paint in headless Chromium (see typingSamples and installProbe). */
export async function measureTyping(words: number, tags: number, keys = 150, warmup = 10): Promise<TypingResult> {
  const { nextPaint, eventTiming } = await typingSamples(words, tags, keys, warmup);
  return { ...stats(nextPaint), eventTiming: stats(eventTiming) };
}
