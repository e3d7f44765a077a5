import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { type RunningApp, launchApp, prepareApp, skipReason } from './launch';

const APP_URL = 'app://app/index.html';
const reason = skipReason();
if (reason) console.log(`[electron tests skipped] ${reason}`);

describe.skipIf(Boolean(reason))('the Electron app', () => {
  let nativeBinding: string;
  let running: RunningApp;

  beforeAll(async () => {
    nativeBinding = await prepareApp();
  }, 600_000);

  beforeEach(async () => {
    running = await launchApp(nativeBinding);
  }, 90_000);

  afterEach(async () => {
    await running?.close();
  });

  it('loads its page from app://', () => {
    expect(running.page.url()).toBe(APP_URL);
  });

  it('runs the page sandboxed and isolated, without Node', async () => {
    const prefs = await running.app.evaluate(({ BrowserWindow }) => {
      // Internal but long-standing; the page-side checks below do not depend on it.
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences?: () => Record<string, unknown> | null;
      };
      const all = contents.getLastWebPreferences?.();
      if (!all) return null;
      const keys = ['sandbox', 'contextIsolation', 'nodeIntegration', 'nodeIntegrationInSubFrames', 'webviewTag', 'webSecurity'];
      return Object.fromEntries(keys.map((key) => [key, all[key]]));
    });
    if (prefs) {
      expect(prefs).toEqual({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
      });
    }

    const sandboxed = await running.app.evaluate(({ app, BrowserWindow }) => {
      const pid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId();
      return app.getAppMetrics().find((metric) => metric.pid === pid)?.sandboxed ?? null;
    });
    // Reported on macOS and Windows only.
    if (sandboxed !== null) expect(sandboxed).toBe(true);

    const globals = await running.page.evaluate(() => [typeof require, typeof process, typeof module, typeof Buffer]);
    expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('exposes the typed api and nothing of ipcRenderer', async () => {
    const shape = await running.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & { api: Record<string, Record<string, unknown>> };
      return {
        methods: Object.entries(w.api).flatMap(([ns, group]) => Object.keys(group).map((m) => `${ns}:${m}`)),
        ipcOnWindow: 'ipcRenderer' in w || 'electron' in w,
        ipcOnApi: 'ipcRenderer' in w.api || 'invoke' in w.api || 'send' in w.api,
      };
    });
    expect(shape.methods.sort()).toEqual([...CHANNELS].sort());
    expect(shape.ipcOnWindow).toBe(false);
    expect(shape.ipcOnApi).toBe(false);
  });

  it('answers IPC from its own page (real vault, Electron-built SQLite)', async () => {
    const status = await running.page.evaluate(() =>
      (window as unknown as { api: { vault: { status(): Promise<unknown> } } }).api.vault.status(),
    );
    expect(status).toMatchObject({ ok: true, value: { state: 'none' } });
  });

  it('refuses to navigate away from the app', async () => {
    for (const target of ['https://example.com/', 'file:///etc/hosts', 'app://other/index.html']) {
      await running.page.evaluate((url) => {
        window.location.href = url;
      }, target);
      await running.page.waitForTimeout(500);
      expect(running.page.url()).toBe(APP_URL);
    }
  });

  it('denies window.open', async () => {
    const opened = await running.page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await running.page.waitForTimeout(500);
    expect(running.app.windows()).toHaveLength(1);
  });

  it('cannot reach the network from the page', async () => {
    const failed = await running.page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return false;
      } catch {
        return true;
      }
    });
    expect(failed).toBe(true);
  });

  it('shows the create-vault screen on a fresh profile', async () => {
    const passphrase = running.page.locator('input[type="password"]').first();
    await passphrase.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await running.page.locator('input[type="password"]').count()).toBeGreaterThanOrEqual(2);
  });
});
