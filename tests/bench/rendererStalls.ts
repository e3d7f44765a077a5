import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness } from '../harness/harness';
import { VaultPages } from '../harness/pages/VaultPages';
import { nl } from '../../shared/i18n/nl';
import { makePendingVault } from '../unit/core/pendingMigrationVault';
import { docxBomb } from '../unit/core/import/zipBuilder';
import { type Figure, summarise } from './figure';
import type { Scale } from './scale';
import { BENCH_PASSPHRASE } from './syntheticVault';

/**
 * Issue 12's renderer figure: the longest stall of the renderer's main thread (the thread that
 * paints and handles the mentor's keys) while the backend does heavy work for it. Measured in the
 * real renderer in headless Chromium, talking to the real backend host through the harness.
 *
 * The watch, identical for value and baseline: a 4 ms timer chain records how late each tick
 * runs, plus the longest task the browser reports (`longtask`, ≥ 50 ms) — a stall is the longest
 * lateness. The baseline is the same page left idle for as long as the operation took, in the
 * same run: what the machine itself adds (timer clamping, other processes on 2 cores).
 */

const WATCH = `(() => {
  const PERIOD = 4;
  let longest = 0;
  let last = performance.now();
  let running = true;
  let longTask = 0;
  const observer = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('longtask')
    ? new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTask = Math.max(longTask, entry.duration); })
    : null;
  observer && observer.observe({ type: 'longtask' });
  const tick = () => {
    if (!running) return;
    const now = performance.now();
    longest = Math.max(longest, now - last - PERIOD);
    last = now;
    setTimeout(tick, PERIOD);
  };
  setTimeout(tick, PERIOD);
  window.__stallStop = () => { running = false; observer && observer.disconnect(); return Math.max(0, longest, longTask); };
})()`;

export async function startWatch(page: Page): Promise<void> {
  await page.evaluate(WATCH);
}

export async function stopWatch(page: Page): Promise<number> {
  return page.evaluate('window.__stallStop()') as Promise<number>;
}

/** A dialogue document of `turns` speaker turns in its first section, built inside the page. */
const BUILD_LARGE_DOC = `(async ({ studentId, turns }) => {
  const api = window.api;
  const templates = (await api.templates.list({})).value;
  const template = templates.find((t) => t.builtinKey) ?? templates[0];
  const created = (await api.dialogues.create({ studentId, templateVersionId: template.id, heldOn: '2026-11-30', title: 'Lang gesprek', participants: [] })).value;
  const words = ['ik', 'wil', 'graag', 'stage', 'lopen', 'bij', 'een', 'garage', 'omdat', 'techniek', 'leuk', 'is'];
  const doc = template.sections.map((section, index) => ({
    type: 'section', sectionKey: section.key,
    children: index === 0
      ? Array.from({ length: turns }, (_, n) => ({ type: 'paragraph', speaker: n % 2 ? 'Leerling' : 'Mentor', children: [{ text: words.slice(0, 6 + (n % 6)).join(' ') + ' ' + n }] }))
      : [{ type: 'paragraph', children: [{ text: '' }] }],
  }));
  window.__largeDoc = { id: created.id, revision: created.revision, doc };
})`;

const SAVE_LARGE_DOC = `(async () => {
  const state = window.__largeDoc;
  state.doc[0].children[0].children[0].text += ' woord';
  const saved = await window.api.dialogues.save({ id: state.id, revision: state.revision, content: state.doc });
  if (!saved.ok) throw new Error(saved.error.code);
  state.revision = saved.value.revision;
})()`;

/**
 * The app's autosave since docPatch.ts: one turn edited the way Slate edits (new objects along the
 * changed path, the section's array copied, every other turn kept), the patch found by identity
 * and sent. `window.__docPatch` is shared/docPatch.ts itself, bundled and evaluated in the page.
 */
const SAVE_LARGE_DOC_PATCH = `(async () => {
  const state = window.__largeDoc;
  const base = state.doc;
  const section = base[0];
  const turn = section.children[0];
  const edited = { ...turn, children: [{ ...turn.children[0], text: turn.children[0].text + ' woord' }] };
  const next = [{ ...section, children: [edited, ...section.children.slice(1)] }, ...base.slice(1)];
  const patch = window.__docPatch.diffDoc(base, next);
  const saved = await window.api.dialogues.savePatch({ id: state.id, revision: state.revision, patch });
  if (!saved.ok) throw new Error(saved.error.code);
  state.revision = saved.value.revision;
  state.doc = next;
})()`;

/** shared/docPatch.ts as a script that sets `window.__docPatch` (evaluated, so the page's CSP does not apply). */
async function docPatchScript(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(import.meta.dirname, '../../shared/docPatch.ts')],
    bundle: true, write: false, format: 'iife', globalName: '__docPatch', platform: 'browser', target: 'chrome120', logLevel: 'silent',
  });
  return `${result.outputFiles[0]!.text}\nwindow.__docPatch = __docPatch;`;
}

interface Op { id: string; name: string; run(page: Page): Promise<void> }

function ops(studentId: string, bombBase64: string): Op[] {
  const call = (script: string) => async (page: Page) => { await page.evaluate(script); };
  return [
    {
      id: 'portfolio', name: 'a portfolio export (40 dialogues)',
      run: call(`window.api.export.portfolio({ studentId: ${JSON.stringify(studentId)}, from: '2000-01-01', to: '2099-12-31' }).then((r) => { if (!r.ok) throw new Error(r.error.code); })`),
    },
    { id: 'autosave', name: 'an autosave of a 50,000-turn dialogue, the whole document (through the harness binding)', run: call(SAVE_LARGE_DOC) },
    { id: 'autosavePatch', name: 'an autosave of one edited turn of a 50,000-turn dialogue, as the app sends it (dialogues:savePatch)', run: call(SAVE_LARGE_DOC_PATCH) },
    // The harness's binding serialises a request far more slowly than Electron's IPC does; this is
    // the part the renderer pays in the app: ipcRenderer.invoke structured-clones the request.
    { id: 'autosaveClone', name: 'the structured clone of a 50,000-turn dialogue (what ipcRenderer.invoke pays)', run: call('void structuredClone(window.__largeDoc.doc)') },
    {
      id: 'hostileDocx', name: 'a .docx bomb refused',
      run: async (page) => { await page.evaluate((data) => (window as unknown as { api: { transcripts: { parse(r: unknown): Promise<unknown> } } }).api.transcripts.parse({ fileName: 'bom.docx', dataBase64: data, pseudonyms: [] }), bombBase64); },
    },
    { id: 'backup', name: 'backup + verify', run: call(`window.api.backups.run({}).then((r) => { if (!r.ok) throw new Error(r.error.code); })`) },
  ];
}

export async function idleFor(page: Page, ms: number): Promise<number> {
  await startWatch(page);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return stopWatch(page);
}

function figureFor(id: string, name: string, values: number[], baselines: number[]): Figure {
  const value = summarise(values);
  return {
    id: `rendererStall-${id}`, figure: `longest stall of the renderer's main thread during ${name}`, unit: 'ms', value,
    baseline: { label: 'the same page idle as long', ...summarise(baselines) }, target: '≤ 16 ms', met: value.p95 <= 16,
  };
}

export async function measureRendererStalls(scale: Scale, rounds = 3): Promise<Figure[]> {
  const root = await mkdtemp(join(tmpdir(), 'loopbaandialoog-rstall-'));
  const scrypt = { N: 2 ** 12, r: 8, p: 1 };
  const size = scale.name === 'school'
    ? { students: 60, dialoguesPerStudent: 40, wordsPerDialogue: 1_200 }
    : { students: 10, dialoguesPerStudent: 40, wordsPerDialogue: 300 };
  const figures: Figure[] = [];
  const profileDir = join(root, 'profile');
  await makePendingVault(join(profileDir, 'vault'), size, BENCH_PASSPHRASE, scrypt);
  const harness = await startHarness({ profileDir, backend: { scryptParams: scrypt }, viewport: { width: 1366, height: 768 } });
  try {
    const page = harness.page;
    const vault = new VaultPages(page);
    await vault.waitForUnlock();

    // Unlock with the index rebuild of migration 0004 pending: the one sample this vault gives.
    await page.getByLabel(nl.vault.passphrase, { exact: true }).fill(BENCH_PASSPHRASE);
    await startWatch(page);
    const started = performance.now();
    await page.getByRole('button', { name: nl.vault.unlock, exact: true }).click();
    // The student list, or the unlock screen's error: a failed unlock ends the bench at once.
    const list = page.getByRole('heading', { name: nl.students.title, level: 1 });
    await list.or(page.getByRole('alert')).first().waitFor({ timeout: 600_000 });
    if (!(await list.isVisible())) throw new Error(`unlock failed: ${await page.getByRole('alert').first().textContent()}`);
    const unlockStall = await stopWatch(page);
    const unlockMs = performance.now() - started;
    figures.push(figureFor('unlock', `unlock with a pending index rebuild (${size.students * size.dialoguesPerStudent} dialogues, ${(unlockMs / 1000).toFixed(1)} s)`, [unlockStall], [await idleFor(page, unlockMs)]));

    const studentId = await page.evaluate('window.api.students.list({}).then((r) => r.value[0].id)') as string;
    await page.evaluate(`window.api.backups.chooseFolder({})`);
    await page.evaluate(`${BUILD_LARGE_DOC}(${JSON.stringify({ studentId, turns: 50_000 })})`);
    await page.evaluate(await docPatchScript());
    for (const op of ops(studentId, docxBomb(150, { lie: true }).toString('base64'))) {
      const values: number[] = [];
      const baselines: number[] = [];
      for (let round = 0; round < rounds; round++) {
        await startWatch(page);
        const opStarted = performance.now();
        await op.run(page);
        values.push(await stopWatch(page));
        baselines.push(await idleFor(page, performance.now() - opStarted));
      }
      figures.push(figureFor(op.id, op.name, values, baselines));
    }
  } finally {
    await harness.close();
    await rm(root, { recursive: true, force: true });
  }
  return figures;
}
