import { fork } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackendJob, BackendReport } from './backendProcess';
import { measureTyping } from './editorTyping';
import type { Figure } from './figure';
import { measureRendererStart } from './rendererStart';
import { measurePlaybackStalls } from './playbackStalls';
import { measureRendererStalls } from './rendererStalls';
import { measureAudioOverhead, measureRecordingStalls } from './recordingFigures';
import { isScaleName, type Scale, SCALES } from './scale';
import { buildSyntheticVault, type SyntheticVault } from './syntheticVault';
import { markdownTable, textTable } from './table';
import { measureDecodeHour, measureTranscription, type TranscriptionBenchOptions } from './transcriptionFigures';

/**
 * `npm run bench -- [--scale small|school] [--out results.json]`: measurements, never
 * assertions. Builds a synthetic encrypted vault, measures every figure of issue 7 beside its
 * baseline from the same run, prints a table and writes the same as JSON.
 */
interface Options { scale: Scale; out: string | null; keep: boolean; only: 'backend' | 'browser' | 'transcription' | null; reuse: string | null; transcription: TranscriptionBenchOptions }

function options(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'school' }, out: { type: 'string' },
      // For working on one half: --only backend (no browser) or --only browser (no vault).
      only: { type: 'string' }, keep: { type: 'boolean', default: false },
      // A work folder kept by an earlier --keep run: measure its vaults again without building.
      reuse: { type: 'string' },
      // Transcription (issue 17): a school's own ggml model, a 16 kHz mono WAV of real speech and its reference text.
      model: { type: 'string' }, audio: { type: 'string' }, reference: { type: 'string' },
    },
  });
  if (!isScaleName(values.scale)) throw new Error(`--scale must be small or school, not ${values.scale}`);
  if (values.only !== undefined && values.only !== 'backend' && values.only !== 'browser' && values.only !== 'transcription') throw new Error('--only must be backend, browser or transcription');
  return {
    scale: SCALES[values.scale], out: values.out ?? null, keep: values.keep || Boolean(values.reuse), only: values.only ?? null, reuse: values.reuse ?? null,
    transcription: { model: values.model ?? null, audio: values.audio ?? null, reference: values.reference ?? null },
  };
}

function backendFigures(job: BackendJob): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, 'backendProcess.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: BackendReport | null = null;
    child.on('message', (message: { progress?: string; report?: BackendReport }) => {
      if (message.progress) console.log(message.progress);
      if (message.report) report = message.report;
    });
    child.on('exit', (code) => {
      if (report?.ok) resolve(report.figures);
      else reject(new Error(report && !report.ok ? report.error : `backend figures exited with ${code}`));
    });
    child.send(job);
  });
}

const VAULTS_FILE = 'vaults.json';
interface Vaults { vault: SyntheticVault; small: SyntheticVault | null }

async function buildVaults(workDir: string, scale: Scale): Promise<Vaults> {
  console.log('Building the synthetic vault…');
  const vault = await buildSyntheticVault(workDir, scale, console.log);
  const small = scale.name === 'school' ? await buildSyntheticVault(workDir, SCALES.small, () => undefined) : null;
  await writeFile(join(workDir, VAULTS_FILE), JSON.stringify({ vault, small }));
  return { vault, small };
}

async function typingFigure(): Promise<Figure> {
  const small = await measureTyping(200, 2);
  const large = await measureTyping(20_000, 200);
  return {
    id: 'typing', figure: 'typing, keystroke to next paint, 20,000 words with 200 tags', unit: 'ms', value: large,
    baseline: { label: 'same on 200 words', ...small }, target: '≤ 50 ms p95, ≤ 2 × 200 words',
    met: large.p95 <= 50 && large.p95 <= 2 * small.p95,
  };
}

async function rendererStartFigure(): Promise<Figure> {
  const { app, baseline } = await measureRendererStart();
  return {
    id: 'rendererStart', figure: 'renderer start to an interactive unlock screen', unit: 'ms', value: app,
    baseline: { label: 'minimal React page, served alike', ...baseline }, target: '≤ 2 × minimal React page',
    met: app.median <= 2 * baseline.median,
  };
}

async function main(): Promise<void> {
  const { scale, out, keep, only, reuse, transcription } = options();
  const started = performance.now();
  const machine = `${cpus()[0]?.model.trim() ?? 'cpu'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const date = new Date().toISOString();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  console.log(`Machine: ${machine}\nDate: ${date}\nScale: ${scale.name} (${scale.students} students × ${scale.dialoguesPerStudent} dialogues × ~${scale.wordsPerDialogue} words, ${scale.tagsPerDialogue} tags each)\n`);

  const workDir = reuse ?? await mkdtemp(join(tmpdir(), 'loopbaandialoog-bench-'));
  try {
    const figures: Figure[] = [];
    if (only === null || only === 'transcription') {
      console.log(`Transcription figures (whisper.cpp in its job worker; headless Chromium for decoding)…  [${elapsed()}]`);
      figures.push(...await measureTranscription(transcription));
      figures.push(await measureDecodeHour());
    }
    if (only !== 'browser' && only !== 'transcription') {
      const { vault, small } = reuse ? JSON.parse(await readFile(join(workDir, VAULTS_FILE), 'utf8')) as Vaults : await buildVaults(workDir, scale);
      console.log(`  ${vault.dialogues} dialogues, built in ${vault.buildSeconds.toFixed(0)} s  [${elapsed()}]`);
      console.log('Backend figures (own process)…');
      figures.push(...await backendFigures({ vault, small, workDir }));
      console.log(`  audio storage overhead…  [${elapsed()}]`);
      figures.push(await measureAudioOverhead());
    }
    if (only !== 'backend' && only !== 'transcription') {
      console.log(`Browser figures (headless Chromium)…  [${elapsed()}]`);
      figures.push(await rendererStartFigure());
      figures.push(await typingFigure());
      console.log(`  renderer stalls while the backend works…  [${elapsed()}]`);
      figures.push(...await measureRendererStalls(scale));
      console.log(`  renderer stalls while recording…  [${elapsed()}]`);
      figures.push(...await measureRecordingStalls());
      console.log(`  renderer stalls while playing back in sync…  [${elapsed()}]`);
      figures.push(await measurePlaybackStalls());
    }

    console.log(`\n${textTable(figures)}\n\nFinished in ${elapsed()}.`);
    const missed = figures.filter((figure) => figure.met === false).map((figure) => figure.id);
    console.log(missed.length ? `Missed: ${missed.join(', ')}` : 'Every target holds.');
    if (out) {
      await writeFile(out, `${JSON.stringify({ machine, date, scale, seconds: (performance.now() - started) / 1000, figures, markdown: markdownTable(figures) }, null, 2)}\n`);
      console.log(`Written: ${out}`);
    }
  } finally {
    if (keep) console.log(`Kept: ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
