import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { HostClient } from '../../electron/core/host/hostClient';
import { ExportedFiles } from '../../electron/main/exportedFiles';
import type { HostConfig } from '../../electron/core/host/protocol';
import type { ScryptParams } from '../../electron/core/vault/keyWrap';
import type { BackendEvent } from '../../shared/events';
import { chosenFilePicker } from './chosenFile';
import { CHROMIUM_ARGS, fakeMicrophoneArgs, findChromium } from './chromium';
import { fixedFolderPicker, folderSaveTarget } from './folderSaveTarget';
import { forkNodeHost } from './nodeHost';
import { serveRenderer } from './staticServer';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The built renderer; LBD_RENDERER_DIST points elsewhere (a benchmark comparing two builds). */
export const RENDERER_DIST = process.env.LBD_RENDERER_DIST ?? join(REPO_ROOT, 'dist/renderer');

export interface HarnessOptions {
  /** Folder for the vault; a fresh temporary one by default. */
  profileDir?: string;
  /**
   * Where exports land instead of a save dialog: `<profileDir>/../exports` by default, beside the
   * profile rather than in it (the profile is scanned for plain text; exports are plain by design).
   */
  exportsDir?: string;
  /** What the backup folder dialog answers: `<profileDir>/../backups` by default. */
  backupsDir?: string;
  /**
   * What the backend host is started with. It is a separate process, so only data crosses:
   * a cheaper KDF, and `testHooks`, a module whose default export adds Backend options (a
   * handler table that fails, a fake keychain). See tests/e2e/hooks.
   */
  backend?: { scryptParams?: ScryptParams; testHooks?: string };
  /**
   * A school policy file, written to `<profileDir>/policy.json` (an object as JSON, a string as
   * it is) and read by the host instead of the OS's machine-wide one. Paths in it are relative to
   * the profile.
   */
  policy?: object | string;
  /** A WAV file Chromium's fake microphone plays (see fakeMicrophoneArgs); no microphone otherwise. */
  fakeMicrophone?: string;
  locale?: string;
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel: 2 with a viewport of half the window is a 200 % zoom. */
  deviceScaleFactor?: number;
}

export interface Harness {
  page: Page;
  context: BrowserContext;
  /** The backend host, reached exactly as Electron's main process reaches it. */
  backend: HostClient;
  /** Every event the host sent, in order. */
  events: BackendEvent[];
  profileDir: string;
  dataDir: string;
  exportsDir: string;
  backupsDir: string;
  origin: string;
  /** Every request the page tried to make outside the app's own origin (must stay empty). */
  blockedRequests: string[];
  /** The channel of every request the pages sent to the backend, in order (names only). */
  requests: string[];
  /** Every files:open / files:show the pages sent, with the request as sent (a token, or whatever a test forged). */
  fileRequests: { channel: string; request: unknown }[];
  /**
   * What "Openen" / "Toon in map" asked of the OS, in order: main's own ExportedFiles decides
   * (as electron/main/main.ts wires it), and this records in place of Electron's shell, so the
   * harness never starts a program or a file manager.
   */
  shellCalls: { action: 'open' | 'show'; path: string }[];
  /** What the open dialog answers next (a backup file to restore), as if the mentor picked it; null cancels. */
  chooseFile(path: string | null): void;
  /** A fresh page on the same backend, like a second window. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

let preloadBundle: string | null = null;
async function harnessPreload(): Promise<string> {
  preloadBundle ??= (await build({
    entryPoints: [join(REPO_ROOT, 'tests/harness/preload.ts')],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'silent',
  })).outputFiles[0]!.text;
  return preloadBundle;
}

/**
 * Runs the real backend (handler table, vault, SQLCipher) in this Node process and the built
 * renderer in headless Chromium, joined by one Playwright binding that plays the part of IPC.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // A fresh profile is `<temp>/profile`, so that the default exports folder beside it is fresh too.
  const profileDir = options.profileDir ?? join(await mkdtemp(join(tmpdir(), 'loopbaandialoog-')), 'profile');
  await mkdir(profileDir, { recursive: true });
  const exportsDir = options.exportsDir ?? join(profileDir, '..', 'exports');
  const backupsDir = options.backupsDir ?? join(profileDir, '..', 'backups');
  const dataDir = join(profileDir, 'vault');
  const browserDir = await mkdtemp(join(tmpdir(), 'loopbaandialoog-chromium-'));
  const events: BackendEvent[] = [];
  const policyFile = options.policy === undefined ? undefined : join(profileDir, 'policy.json');
  if (policyFile) await writeFile(policyFile, typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy, null, 2));
  const config: HostConfig = {
    dataDir, appVersion: '0.0.0-harness', validateResponses: true, deviceAvailable: false,
    ...(options.backend?.scryptParams ? { scryptParams: options.backend.scryptParams } : {}),
    ...(options.backend?.testHooks ? { testHooks: options.backend.testHooks } : {}),
    ...(policyFile ? { policyFile } : {}),
  };
  let pages: () => Page[] = () => [];
  const openFile = chosenFilePicker();
  const shellCalls: Harness['shellCalls'] = [];
  const fileRequests: Harness['fileRequests'] = [];
  const exported = new ExportedFiles({
    openPath: async (path) => { shellCalls.push({ action: 'open', path }); return ''; },
    showItemInFolder: (path) => { shellCalls.push({ action: 'show', path }); },
  });
  // The same host entry the app starts as a utility process, here as a forked Node child.
  const backend = new HostClient({
    spawn: forkNodeHost,
    config,
    services: { saveTarget: exported.saveTarget(folderSaveTarget(exportsDir)), folderPicker: fixedFolderPicker(backupsDir), openFile },
    onEvent: (event) => {
      events.push(event);
      exported.receive(event);
      // What Electron's webContents.send does: every open page of the app hears it.
      for (const page of pages()) void page.evaluate((e) => (window as unknown as { __lbdEvent?: (e: unknown) => void }).__lbdEvent?.(e), event).catch(() => undefined);
    },
  });
  // Main's part in front of the host: file channels answered there, export answers given tokens.
  const mainSide = exported.dispatcher(backend);
  const server = await serveRenderer(RENDERER_DIST);
  const blockedRequests: string[] = [];
  const requests: string[] = [];

  const context = await chromium.launchPersistentContext(browserDir, {
    executablePath: findChromium(),
    headless: true,
    // --lang sets what the date picker and number formats follow; `locale` alone does not.
    args: [...CHROMIUM_ARGS, `--lang=${options.locale ?? 'nl-NL'}`, ...(options.fakeMicrophone ? fakeMicrophoneArgs(options.fakeMicrophone) : [])],
    locale: options.locale ?? 'nl-NL',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  // The app never uses the network: anything but its own files is refused, as in Electron.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__loopbaandialoogInvoke', async (source, channel: unknown, request: unknown) => {
    // The counterpart of the sender-frame check in Electron's main process.
    if (source.frame.parentFrame() !== null || !source.frame.url().startsWith(`${server.origin}/`)) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER' } };
    }
    requests.push(String(channel));
    if (channel === 'files:open' || channel === 'files:show') fileRequests.push({ channel, request });
    return mainSide.dispatch(String(channel), request);
  });
  await context.addInitScript({ content: await harnessPreload() });
  pages = () => context.pages();

  const open = async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/index.html`);
    return page;
  };
  const page = context.pages()[0] ? await (async () => {
    const first = context.pages()[0]!;
    await first.goto(`${server.origin}/index.html`);
    return first;
  })() : await open();

  return {
    page, context, backend, events, profileDir, dataDir, exportsDir, backupsDir, origin: server.origin, blockedRequests, requests, fileRequests, shellCalls,
    chooseFile: (path) => openFile.select(path),
    newPage: open,
    async close() {
      await context.close().catch(() => undefined);
      await backend.close();
      await server.close();
      await rm(browserDir, { recursive: true, force: true });
    },
  };
}
