import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkEngine, processEngine } from '../../../electron/core/transcription/engineProcess';
import { writeTinyModel } from '../helpers/ggmlTinyModel';

const repoRoot = join(__dirname, '../../..');

function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2]!);
}

describe('scripts/build-electron.mjs', () => {
  // Its own output folder, so a concurrent `npm run build` is never disturbed.
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'build-electron-'));
    execFileSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', outdir], { cwd: repoRoot, stdio: 'pipe' });
  }, 120_000);

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('writes both bundles', () => {
    expect(existsSync(join(outdir, 'main.cjs'))).toBe(true);
    expect(existsSync(join(outdir, 'preload.cjs'))).toBe(true);
  });

  it('bundles everything into the sandboxed preload except electron itself', () => {
    const code = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
    expect(requiredModules(code)).toEqual(['electron']);
    // No dynamic require either: the sandbox would refuse it at run time.
    expect(code.match(/\brequire\(/g)).toHaveLength(1);
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/exposeInMainWorld\(\s*["']ipcRenderer/);
  });

  it('leaves only electron, the native module and Node built-ins to load at run time in main', () => {
    const code = readFileSync(join(outdir, 'main.cjs'), 'utf8');
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const foreign = requiredModules(code).filter(
      (m) => !builtins.has(m) && m !== 'electron' && m !== 'better-sqlite3-multiple-ciphers',
    );
    expect(foreign).toEqual([]);
  });

  it('writes the backend host bundle, which needs only Node built-ins and the native module', () => {
    const code = readFileSync(join(outdir, 'host.cjs'), 'utf8');
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(requiredModules(code).filter((m) => !builtins.has(m) && m !== 'better-sqlite3-multiple-ciphers')).toEqual([]);
    // The host never talks to Electron itself: dialogs and the keychain are asked of main.
    expect(requiredModules(code)).not.toContain('electron');
  });

  it('writes the engine bundle beside the host, which main starts and a Node host forks (ADR 0022)', () => {
    const code = readFileSync(join(outdir, 'engine.cjs'), 'utf8');
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    // whisper.cpp's addon is loaded by path at run time; nothing else is left to resolve.
    expect(requiredModules(code).filter((m) => !builtins.has(m))).toEqual([]);
    expect(requiredModules(code)).not.toContain('electron');
    // Main forks it from its own folder; a bundled host without Electron's parentPort forks it beside itself.
    expect(readFileSync(join(outdir, 'main.cjs'), 'utf8')).toContain('engine.cjs');
    expect(readFileSync(join(outdir, 'host.cjs'), 'utf8')).toContain('./engine.cjs');
  });

  it('the bundled engine transcribes the generated tiny model with whisper.cpp when forked by plain Node', async () => {
    const modelPath = join(outdir, 'tiny.bin');
    writeTinyModel(modelPath);
    // The bundle sits outside the repo here; NODE_PATH stands in for the app's node_modules.
    const previous = process.env.NODE_PATH;
    process.env.NODE_PATH = join(repoRoot, 'node_modules');
    const pids: number[] = [];
    try {
      const engine = processEngine({
        spawn: () => {
          const child = forkEngine(join(outdir, 'engine.cjs'));
          pids.push(child.pid!);
          return child;
        },
        threads: 1,
      });
      const pcm = new Int16Array(2 * 16_000);
      for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin(i * 0.09) * 6000);
      const progress: number[] = [];
      const segments = await engine.transcribe(pcm, { language: 'nl', modelPath }, (p) => progress.push(p.percent), new AbortController().signal);
      expect(Array.isArray(segments)).toBe(true);
      // Random weights: the text is noise, the run is real (whisper.cpp reports its progress to 100).
      for (const segment of segments) expect(segment.endMs).toBeGreaterThanOrEqual(segment.startMs);
      expect(progress.at(-1)).toBe(100);
      expect(pids).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.NODE_PATH;
      else process.env.NODE_PATH = previous;
    }
  }, 90_000);

    it('writes a self-contained job bundle that parses a transcript when evaluated in a worker', async () => {
    // The app starts jobs with `new Worker(source, { eval: true })`, so the bundle may require
    // nothing but Node built-ins and must answer on its own.
    const code = readFileSync(join(outdir, 'jobs', 'transcriptParse.cjs'), 'utf8');
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(requiredModules(code).filter((m) => !builtins.has(m))).toEqual([]);
    const reply = await new Promise<unknown>((resolve, reject) => {
      const worker = new Worker(code, {
        eval: true,
        workerData: { fileName: 'a.txt', bytes: Buffer.from('Mentor: Hoe ging het?\nStudent: Goed.\n'), pseudonyms: [] },
      });
      worker.once('message', (m) => { void worker.terminate(); resolve(m); });
      worker.once('error', reject);
    });
    expect(reply).toMatchObject({ ok: true, value: { format: 'txt', speakers: ['Mentor', 'Student'] } });
  });
});
