import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
