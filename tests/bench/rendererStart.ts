import react from '@vitejs/plugin-react';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { startHarness } from '../harness/harness';
import { serveRenderer } from '../harness/staticServer';
import { stats } from './syntheticText';

type Stats = { median: number; p95: number; n: number };

export interface RendererStartResult {
  /** The real renderer, from navigation to its unlock screen being interactive. */
  app: Stats;
  /** A minimal React page, served and measured the same way. */
  baseline: Stats;
  /** app median / baseline median. */
  ratio: number;
  /** Median bytes (HTML, JS, CSS) fetched by the time the page was interactive. */
  appBytes?: number;
  baselineBytes?: number;
  /** What the last sample of each fetched before it was interactive: `path bytes`. */
  appFiles?: string[];
  baselineFiles?: string[];
}

interface Sample {
  /** The passphrase field is in the DOM, enabled and focused (ms since navigation start). */
  fieldAt: number;
  /** The frame after the page handled an input to that field (ms since navigation start). */
  interactiveAt: number;
  handled: boolean;
  bytes: number;
  files: string[];
}

const MINIMAL_PAGE = fileURLToPath(new URL('./minimalPage', import.meta.url));
const SCRYPT_FOR_SETUP = { N: 2 ** 12, r: 8, p: 1 };
const WARMUPS = 2;
const TIMEOUT_MS = 30_000;

/**
 * "Interactive", identically for both pages, in ms from navigation start (performance.now() = 0
 * in the new document):
 *  1. the first password field is in the DOM, enabled and focused (a MutationObserver and a
 *     focusin listener, installed before any page script, notice the moment);
 *  2. then an input to it is queued as a task (MessageChannel), so it waits behind whatever the
 *     page had already scheduled (module evaluation, effects, a preloaded chunk's parsing), as a
 *     real keystroke would; the page's own handler must reflect it: the form's submit button,
 *     disabled while the field is empty in both pages, becomes enabled;
 *  3. the clock stops after the next frame (requestAnimationFrame, then a message that runs once
 *     the frame is produced): the mentor sees the reaction to the keystroke.
 * A plain string, not a function: the test runner's transpiler may wrap functions in helpers that
 * do not exist inside the page.
 */
const PROBE = `(() => {
  const result = new Promise((resolve) => {
    let seen = false;
    const check = () => {
      if (seen) return;
      const field = document.querySelector('input[type="password"]');
      if (!field || field.disabled || document.activeElement !== field) return;
      seen = true;
      observer.disconnect();
      document.removeEventListener('focusin', check, true);
      const fieldAt = performance.now();
      const submit = field.form && field.form.querySelector('button[type="submit"]');
      const channel = new MessageChannel();
      let step = 0;
      channel.port1.onmessage = () => {
        if (step++ === 0) {
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          setValue.call(field, 'x');
          field.dispatchEvent(new Event('input', { bubbles: true }));
          requestAnimationFrame(() => channel.port2.postMessage(null));
        } else {
          resolve({ fieldAt, interactiveAt: performance.now(), handled: Boolean(submit) && !submit.disabled });
        }
      };
      channel.port2.postMessage(null);
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
    document.addEventListener('focusin', check, true);
  });
  Object.defineProperty(window, '__rendererStart', { value: result });
})();`;

/** Builds the minimal React page with the app's own build settings into a temporary folder. */
async function buildMinimalPage(outDir: string): Promise<void> {
  await build({
    root: MINIMAL_PAGE,
    configFile: false,
    base: './',
    plugins: [react()],
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0 },
  });
}

/** One cold load in a fresh page: no-store means nothing comes from the HTTP cache. */
async function loadOnce(context: BrowserContext, url: string): Promise<Sample> {
  const page = await context.newPage();
  try {
    await page.addInitScript({ content: PROBE });
    await page.goto(url, { waitUntil: 'commit' });
    return await page.evaluate(async (timeout) => {
      const probe = (window as unknown as { __rendererStart: Promise<Omit<Sample, 'bytes' | 'files'>> }).__rendererStart;
      const mark = await Promise.race([probe, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('not interactive in time')), timeout))]);
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
      const fetched = entries.filter((entry) => entry.responseEnd <= mark.interactiveAt);
      return {
        ...mark,
        bytes: fetched.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
        files: fetched.map((entry) => `${new URL(entry.name).pathname} ${entry.encodedBodySize}`),
      };
    }, TIMEOUT_MS);
  } finally {
    await page.close();
  }
}

function median(values: number[]): number {
  return stats(values).median;
}

/**
 * Renderer start to the unlock screen being interactive, against a minimal React page served the
 * same way (same static server, CSP and no-store, same Chromium, even the same browser context).
 * Samples alternate app and baseline, in alternating order, so background noise hits both.
 */
export async function measureRendererStart(options: { samples?: number; log?: (sample: string) => void } = {}): Promise<RendererStartResult> {
  const samples = options.samples ?? 15;
  const baselineDir = await mkdtemp(join(tmpdir(), 'loopbaandialoog-minimal-'));
  await buildMinimalPage(baselineDir);
  const harness = await startHarness({ backend: { scryptParams: SCRYPT_FOR_SETUP } });
  const baselineServer = await serveRenderer(baselineDir);
  try {
    // A vault that exists and is locked: every load shows the unlock screen.
    for (const [channel, request] of [['vault:create', { passphrase: 'fiets lantaarn oktober kompas' }], ['vault:lock', {}]] as const) {
      const result = await harness.backend.dispatch(channel, request);
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    }
    await harness.page.goto('about:blank');
    // Later routes win: the harness refuses every other origin, this one is the yardstick's.
    await harness.context.route(`${baselineServer.origin}/**`, (route) => route.continue());

    const appUrl = `${harness.origin}/index.html`;
    const baselineUrl = `${baselineServer.origin}/index.html`;
    const app: Sample[] = [];
    const baseline: Sample[] = [];
    for (let round = 0; round < samples + WARMUPS; round++) {
      const order = round % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const);
      for (const which of order) {
        const sample = await loadOnce(harness.context, which === 'app' ? appUrl : baselineUrl);
        if (!sample.handled) throw new Error(`${which}: the input to the passphrase field was not handled`);
        options.log?.(`${round < WARMUPS ? 'warmup ' : ''}${which}: field ${sample.fieldAt.toFixed(1)} ms, interactive ${sample.interactiveAt.toFixed(1)} ms, ${sample.bytes} B`);
        if (round >= WARMUPS) (which === 'app' ? app : baseline).push(sample);
      }
    }
    const appStats = stats(app.map((sample) => sample.interactiveAt));
    const baselineStats = stats(baseline.map((sample) => sample.interactiveAt));
    return {
      app: appStats,
      baseline: baselineStats,
      ratio: appStats.median / baselineStats.median,
      appBytes: median(app.map((sample) => sample.bytes)),
      baselineBytes: median(baseline.map((sample) => sample.bytes)),
      appFiles: app.at(-1)?.files ?? [],
      baselineFiles: baseline.at(-1)?.files ?? [],
    };
  } finally {
    await baselineServer.close();
    await harness.close();
    await rm(baselineDir, { recursive: true, force: true });
  }
}

// `npx tsx tests/bench/rendererStart.ts [samples]` prints the figures with every sample.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const samples = Number(process.argv[2] ?? 15);
  measureRendererStart({ samples, log: (line) => console.log(`  ${line}`) }).then((result) => {
    const row = (name: string, s: Stats, bytes?: number) => console.log(`${name.padEnd(9)} median ${s.median.toFixed(1)} ms   p95 ${s.p95.toFixed(1)} ms   (n=${s.n})   ${bytes ?? '?'} B`);
    row('app', result.app, result.appBytes);
    row('baseline', result.baseline, result.baselineBytes);
    console.log(`ratio ${result.ratio.toFixed(2)} (target ≤ 2)`);
    console.log(`app files: ${result.appFiles?.join(', ')}\nbaseline files: ${result.baselineFiles?.join(', ')}`);
  }, (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
