import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { electronMissingReason, repoRoot } from '../../scripts/electron-paths.mjs';
import { ensureElectronNative } from '../../scripts/native-for-electron.mjs';

/** Why these tests cannot run on this machine, or null when they can. */
export function skipReason(): string | null {
  const missing = electronMissingReason();
  if (missing) return missing;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for Electron windows (run under xvfb-run)';
  }
  return null;
}

/** Builds renderer and bundles once, and returns the Electron-ABI SQLite module. */
export async function prepareApp(): Promise<string> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', 'build'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  const nativeBinding = await ensureElectronNative();
  if (!nativeBinding) throw new Error('the SQLite module for Electron could not be built');
  return nativeBinding;
}

export interface RunningApp {
  app: ElectronApplication;
  page: Page;
  close(): Promise<void>;
}

/** Starts the built app (package.json main) on a fresh, throw-away profile. */
export async function launchApp(nativeBinding: string): Promise<RunningApp> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'loopbaandialoog-electron-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  env.LOOPBAANDIALOOG_NATIVE_BINDING = nativeBinding;
  const app = await _electron.launch({
    args: [repoRoot, `--user-data-dir=${userDataDir}`],
    cwd: repoRoot,
    env,
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    async close() {
      await app.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
