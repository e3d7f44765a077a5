import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startHarness } from '../harness/harness';
import { filesContaining } from '../harness/plaintextScan';
import { spokenDutchWav } from '../harness/spokenWav';
import { makeContext } from './context';
import { classList } from './steps/classList';
import { codebookAndTemplates, dialogueWorkspace } from './steps/dialogueWorkspace';
import { findAndSee } from './steps/findAndSee';
import { handoverConflict } from './steps/handoverConflict';
import { firstRun } from './steps/firstRun';
import { mentorsDay } from './steps/mentorsDay';
import { mirror } from './steps/mirror';
import { portfolioReflections } from './steps/portfolioReflections';
import { recording } from './steps/recording';
import { refiImport } from './steps/refiImport';
import { restoreElsewhere } from './steps/restoreElsewhere';
import { safetyFlows } from './steps/safetyFlows';
import { schoolPolicy } from './steps/schoolPolicy';
import { transcription } from './steps/transcription';
import { vaultAndStudents } from './steps/vaultAndStudents';
import { wordExport } from './steps/wordExport';
import { TourRunner } from './tourRunner';

/**
 * The window the tour runs in: a mentor's laptop (1366×768) unless `--viewport=WxH` (or
 * LBD_TOUR_VIEWPORT) says otherwise, at `--zoom=P` per cent (or LBD_TOUR_ZOOM; 100 by default).
 * Zoom is what Chromium's zoom does: the CSS viewport shrinks by the factor and every CSS pixel
 * is drawn with that many device pixels, so `--zoom=200` lays out at 683×384 and its pictures
 * are still 1366×768.
 */
function tourWindow(args: string[], env: NodeJS.ProcessEnv): { viewport: { width: number; height: number }; deviceScaleFactor: number; label: string } {
  const flag = (name: string) => args.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
  const size = flag('viewport') ?? env.LBD_TOUR_VIEWPORT ?? '1366x768';
  const zoom = Number(flag('zoom') ?? env.LBD_TOUR_ZOOM ?? '100');
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match || !(zoom >= 25 && zoom <= 500)) throw new Error(`Unusable window: --viewport=${size} --zoom=${zoom} (want e.g. --viewport=1366x768 --zoom=200)`);
  const factor = zoom / 100;
  return {
    viewport: { width: Math.round(Number(match[1]) / factor), height: Math.round(Number(match[2]) / factor) },
    deviceScaleFactor: factor,
    label: `${match[1]}×${match[2]} at ${zoom} %`,
  };
}

/**
 * `npm run tour -- <dir> [--viewport=1366x768] [--zoom=200]`: walks the real app in headless
 * Chromium as a mentor would and leaves `<dir>/screens/NN-<step>.png`, `<dir>/profile/` (the
 * vault after it was locked and closed) and, with later features, `<dir>/exports/`. Exits
 * non-zero when a step fails.
 */
async function main(): Promise<void> {
  const arg = process.argv.slice(2).find((value) => !value.startsWith('-'));
  if (!arg) {
    console.error('Usage: npm run tour -- <dir>');
    process.exit(2);
  }
  const outDir = resolve(arg);
  const profileDir = join(outDir, 'profile');
  // A tour starts as a new user: no vault and no screenshots from an earlier run.
  await rm(join(outDir, 'screens'), { recursive: true, force: true });
  await rm(profileDir, { recursive: true, force: true });
  await rm(join(outDir, 'exports'), { recursive: true, force: true });
  await rm(join(outDir, 'backups'), { recursive: true, force: true });
  await mkdir(profileDir, { recursive: true });

  const view = tourWindow(process.argv.slice(2), process.env);
  // Issue 17: the microphone is Chromium's fake one, playing Dutch speech made by espeak-ng (beside the profile).
  const microphone = spokenDutchWav(outDir);
  const harness = await startHarness({
    profileDir, viewport: view.viewport, deviceScaleFactor: view.deviceScaleFactor,
    ...('wav' in microphone ? { fakeMicrophone: microphone.wav } : {}),
    // Issue 17: transcription with the fake engine (fixed Dutch segments), as the e2e tests have it.
    backend: { testHooks: join(import.meta.dirname, '../e2e/hooks/fakeTranscription.ts') },
  });
  const run = new TourRunner(harness.page, outDir);
  await run.init();
  const ctx = makeContext(harness, run, outDir);
  console.log(`Tour → ${outDir} (${view.label})`);
  try {
    await vaultAndStudents(ctx);
    await firstRun(ctx);
    await dialogueWorkspace(ctx);
    await codebookAndTemplates(ctx);
    await wordExport(ctx);
    await portfolioReflections(ctx);
    await safetyFlows(ctx);
    await handoverConflict(ctx);
    await findAndSee(ctx);
    await mentorsDay(ctx);
    await recording(ctx, microphone);
    await mirror(ctx);
    await transcription(ctx, 'wav' in microphone ? microphone.wav : null);
    await classList(ctx);
    await refiImport(ctx);
    await restoreElsewhere(ctx);
    await schoolPolicy(ctx);
  } finally {
    await harness.close();
  }

  // What the school asks of the files the app leaves behind.
  const dbPath = join(harness.dataDir, 'vault.db');
  assert.ok(existsSync(dbPath), 'the vault file exists');
  const head = (await readFile(dbPath)).subarray(0, 16).toString('latin1');
  assert.notEqual(head, 'SQLite format 3\0', 'the vault file is encrypted');
  const leaks = await filesContaining(profileDir, ctx.secrets);
  assert.deepEqual(leaks, [], 'no name or text in plain in any file of the profile');
  assert.deepEqual(harness.blockedRequests, [], 'the app made no network request');
  console.log(`Tour complete: screens in ${run.screensDir}, profile in ${profileDir}; vault encrypted, no plain text found.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
