// Bundles the Electron main process and the preload with esbuild.
// The preload runs sandboxed, where only require('electron') works, so it is fully bundled.
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './electron-paths.mjs';

const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(values.outdir ?? join(repoRoot, 'dist', 'electron'));

/** One bundle per job entry in electron/core/jobs/entries (the JobName union lists the same). */
const JOBS = ['transcriptParse', 'docxBuild', 'migrate', 'backupTask', 'rekeyCopy', 'searchRebuild', 'handoverOpen', 'qdpxParse', 'classListParse', 'transcribe', 'erasureScrub', 'speakerModelInspect'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: repoRoot,
  // The jobs runner finds its entries relative to its own module (electron/core/jobs).
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [join(repoRoot, 'electron/main/main.ts')],
    outfile: join(outdir, 'main.cjs'),
    // The native module is loaded at run time, built for the runtime that loads it.
    external: ['electron', 'better-sqlite3-multiple-ciphers'],
  }),
  build({
    ...common,
    entryPoints: [join(repoRoot, 'electron/preload/preload.ts')],
    outfile: join(outdir, 'preload.cjs'),
    external: ['electron'],
    define: {},
    banner: {},
    // It is parsed on every page load and carries all of zod through the shared contract.
    minify: true,
  }),
  // The backend host: the whole core, started by main as a utility process.
  build({
    ...common,
    entryPoints: [join(repoRoot, 'electron/core/host/hostEntry.ts')],
    outfile: join(outdir, 'host.cjs'),
    external: ['better-sqlite3-multiple-ciphers'],
  }),
  // whisper.cpp's process (ADR 0022): main starts it as a utility process for the host, which
  // finds it beside host.cjs. It loads the prebuilt addon by path at run time.
  build({
    ...common,
    entryPoints: [join(repoRoot, 'electron/core/transcription/engineEntry.ts')],
    outfile: join(outdir, 'engine.cjs'),
  }),
  // Limited jobs: self-contained bundles that the main bundle starts as eval'd workers.
  ...JOBS.map((name) => build({
    ...common,
    entryPoints: [join(repoRoot, 'electron/core/jobs/entries', `${name}.ts`)],
    outfile: join(outdir, 'jobs', `${name}.cjs`),
  })),
]);

console.log(`[build-electron] wrote main.cjs, host.cjs, engine.cjs, preload.cjs and jobs/ to ${outdir}`);
