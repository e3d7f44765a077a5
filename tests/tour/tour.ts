import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startHarness } from '../harness/harness';
import { filesContaining } from '../harness/plaintextScan';
import { makeContext } from './context';
import { codebookAndTemplates, dialogueWorkspace } from './steps/dialogueWorkspace';
import { findAndSee } from './steps/findAndSee';
import { restoreElsewhere } from './steps/restoreElsewhere';
import { safetyFlows } from './steps/safetyFlows';
import { vaultAndStudents } from './steps/vaultAndStudents';
import { wordExport } from './steps/wordExport';
import { TourRunner } from './tourRunner';

/**
 * `npm run tour -- <dir>`: walks the real app in headless Chromium as a mentor would and leaves
 * `<dir>/screens/NN-<step>.png`, `<dir>/profile/` (the vault after it was locked and closed) and,
 * with later features, `<dir>/exports/`. Exits non-zero when a step fails.
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

  const harness = await startHarness({ profileDir });
  const run = new TourRunner(harness.page, outDir);
  await run.init();
  const ctx = makeContext(harness, run, outDir);
  console.log(`Tour → ${outDir}`);
  try {
    await vaultAndStudents(ctx);
    await dialogueWorkspace(ctx);
    await codebookAndTemplates(ctx);
    await wordExport(ctx);
    await safetyFlows(ctx);
    await findAndSee(ctx);
    await restoreElsewhere(ctx);
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
