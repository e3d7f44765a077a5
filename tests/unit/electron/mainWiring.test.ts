import { execFileSync, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { exporting } from '../../../shared/i18n/features/exporting';
import { secureWebPreferences } from '../../../electron/main/webPreferences';
import { createFakeElectron, FakeWebContents } from './fakeElectron';

// Runs the real main bundle against a fake `electron` module: the wiring between Electron and
// the core (what main.ts registers, in which order, with which settings) is otherwise only
// exercised where the Electron binary exists.

const repoRoot = join(__dirname, '../../..');
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader };

describe('main process wiring (bundle on a fake electron)', () => {
  // Inside the repo, so the bundle resolves better-sqlite3-multiple-ciphers from node_modules.
  const buildRoot = join(repoRoot, 'dist', `.test-main-${process.pid}`);
  const outdir = join(buildRoot, 'electron');
  const originalLoad = moduleInternals._load;
  let userData: string;

  function loadMain(hasLock: boolean, options: { isPackaged?: boolean; userData?: string; documents?: string; utilityFork?: Parameters<typeof createFakeElectron>[0]['utilityFork'] } = {}) {
    const fake = createFakeElectron({
      userData: options.userData ?? userData, hasLock, isPackaged: options.isPackaged, documents: options.documents,
      ...(options.utilityFork ? { utilityFork: options.utilityFork } : {}),
    });
    moduleInternals._load = function (request, parent, isMain) {
      if (request === 'electron') return fake.module;
      return originalLoad.call(this, request, parent, isMain);
    };
    const mainPath = join(outdir, 'main.cjs');
    const require = createRequire(__filename);
    delete require.cache[mainPath];
    require(mainPath);
    return fake;
  }

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', outdir], { cwd: repoRoot, stdio: 'pipe' });
    mkdirSync(join(buildRoot, 'renderer'), { recursive: true });
    writeFileSync(join(buildRoot, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
    userData = mkdtempSync(join(tmpdir(), 'main-wiring-'));
  }, 120_000);

  afterAll(() => {
    moduleInternals._load = originalLoad;
    rmSync(buildRoot, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  });

  it('a second instance quits at once and sets nothing up', () => {
    const fake = loadMain(false);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.protocol.privileged).toBeNull();
    expect(fake.app.listenerCount('before-quit')).toBe(0);
  });

  it('wires protocol, session, IPC, window and vault on ready, and locks on quit', async () => {
    const fake = loadMain(true);

    // Before ready: the scheme is privileged, nothing else exists yet.
    expect(fake.protocol.privilegedBeforeReady).toBe(true);
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
    ]);
    expect(fake.windows).toHaveLength(0);

    await fake.becomeReady();

    // Window: secure preferences, the app entry page, navigation and popups refused.
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toEqual(secureWebPreferences(join(outdir, 'preload.cjs'), true));
    expect(window.loadedUrl).toBe('app://app/index.html');
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      window.webContents.emit(name, { preventDefault: () => (prevented = true) }, 'https://example.com/');
      expect(prevented, name).toBe(true);
    }
    expect((window.webContents.windowOpenHandler as () => unknown)()).toEqual({ action: 'deny' });

    // Every other web contents too (DevTools, anything a later change opens): guarded app-wide
    // the moment it is created, not only the window main made itself.
    const other = new FakeWebContents(fake.session);
    fake.app.emit('web-contents-created', {}, other);
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']) {
      let prevented = false;
      other.emit(name, { preventDefault: () => (prevented = true) }, 'https://example.com/');
      expect(prevented, name).toBe(true);
    }
    expect((other.windowOpenHandler as () => unknown)()).toEqual({ action: 'deny' });

    // Downloads are refused, blob: and data: ones included (the request filter lets those by).
    let downloadPrevented = false;
    fake.session.emit('will-download', { preventDefault: () => (downloadPrevented = true) }, { getURL: () => 'blob:app://app/x' });
    expect(downloadPrevented).toBe(true);
    // One refusal per session, however many web contents share it.
    expect(fake.session.listenerCount('will-download')).toBe(1);

    // Session: permissions denied, only app:// requests pass, app pages get the CSP.
    const granted: boolean[] = [];
    (fake.session.permissionRequestHandler as (...a: unknown[]) => void)({}, 'media', (ok: boolean) => granted.push(ok));
    expect(granted).toEqual([false]);
    expect((fake.session.permissionCheckHandler as () => boolean)()).toBe(false);
    expect((fake.session.devicePermissionHandler as () => boolean)()).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (fake.session.beforeRequest as (...a: unknown[]) => void)({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://app/index.html')).toBe(false);
    expect(decide('https://example.com/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    let headers: unknown;
    (fake.session.headersReceived as (...a: unknown[]) => void)(
      { url: 'app://app/index.html', responseHeaders: {} },
      (r: { responseHeaders: unknown }) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });

    // Protocol: serves the renderer next to the bundle (dist/electron → dist/renderer).
    const response = await fake.protocol.handlers.get('app')!(new Request('app://app/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
    expect((await fake.protocol.handlers.get('app')!(new Request('app://app/../electron/main.cjs'))).status).toBe(404);

    // IPC: every channel, answered by the real backend, for the app page only.
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const call = (channel: string, request: unknown, url = 'app://app/index.html') =>
      fake.ipcMain.handlers.get(channel)!({ senderFrame: { url, parent: null } }, request);
    expect(await call('vault:status', {}, 'https://example.com/')).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const status = await call('vault:status', {});
    // safeStorage reports basic_text here, so device unlock must be off.
    expect(status).toMatchObject({ ok: true, value: { state: 'none', deviceUnlockAvailable: false } });

    const created = await call('vault:create', { passphrase: 'paarse olifanten fietsen traag naar Zwolle 1987' });
    expect(created).toMatchObject({ ok: true });
    expect(existsSync(join(userData, 'vault', 'vault.db'))).toBe(true);
    expect(await call('vault:status', {})).toMatchObject({ ok: true, value: { state: 'unlocked' } });

    // Quitting locks the vault and ends the host: nothing answers with the vault open.
    await fake.quit();
    expect(fake.children.every((child) => child.exitCode !== null || child.signalCode !== null)).toBe(true);
    expect(await call('vault:status', {})).toEqual({ ok: false, error: { code: 'HOST_DOWN' } });
    // The core ran in the host process, not in this one.
    expect(fake.children).toHaveLength(1);

    // A second launch brings the existing window forward.
    fake.app.emit('second-instance');
    expect(window.focus).toHaveBeenCalled();

    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalled();
  }, 60_000);

  it('hides every window from screen sharing once the vault says so, and learns it again at the next start', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'main-wiring-protect-'));
    const passphrase = 'paarse olifanten fietsen traag naar Zwolle 1987';
    try {
      const fake = loadMain(true, { userData: profile });
      await fake.becomeReady();
      const window = fake.windows[0]!;
      const call = (channel: string, request: unknown) =>
        fake.ipcMain.handlers.get(channel)!({ senderFrame: { url: 'app://app/index.html', parent: null } }, request);
      // Before any unlock main knows nothing of the vault's settings: unprotected (the unlock screen).
      expect(window.contentProtection).toBe(false);
      await call('vault:create', { passphrase });

      expect(await call('settings:update', { hideWhileSharing: true })).toMatchObject({ ok: true, value: { hideWhileSharing: true } });
      await vi.waitFor(() => expect(window.contentProtection).toBe(true));
      // The renderer hears the event too, like every backend event.
      expect(window.webContents.sent).toContainEqual({ channel: 'backend:event', payload: { name: 'settings:changed', payload: { language: 'nl', hideWhileSharing: true } } });
      // A window made afterwards is protected from the start.
      const later = new fake.BrowserWindow({});
      expect(later.contentProtection).toBe(true);
      // Locking does not drop it: the lock screen stays hidden as the mentor asked.
      await call('vault:lock', {});
      expect(window.contentProtection).toBe(true);
      await fake.quit();

      // The next start knows nothing until the unlock, where the host reports the stored value.
      const next = loadMain(true, { userData: profile });
      await next.becomeReady();
      const nextWindow = next.windows[0]!;
      const nextCall = (channel: string, request: unknown) =>
        next.ipcMain.handlers.get(channel)!({ senderFrame: { url: 'app://app/index.html', parent: null } }, request);
      expect(nextWindow.contentProtection).toBe(false);
      expect(await nextCall('vault:unlock', { passphrase })).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(nextWindow.contentProtection).toBe(true));
      await nextCall('settings:update', { hideWhileSharing: false });
      await vi.waitFor(() => expect(nextWindow.contentProtection).toBe(false));
      await next.quit();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);

  it('exports through the save dialog: modal to the app window, starting in Documents, written where the mentor chose, then proposing that folder', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'main-wiring-export-'));
    const documents = join(profile, 'Documenten');
    const chosen = join(profile, 'USB');
    mkdirSync(documents);
    mkdirSync(chosen);
    try {
      const fake = loadMain(true, { userData: join(profile, 'userData'), documents });
      await fake.becomeReady();
      const call = async (channel: string, request: unknown) => {
        const result = (await fake.ipcMain.handlers.get(channel)!({ senderFrame: { url: 'app://app/index.html', parent: null } }, request)) as
          { ok: boolean; value?: unknown; error?: unknown };
        expect(result, channel).toMatchObject({ ok: true });
        return result.value as Record<string, unknown>;
      };
      await call('vault:create', { passphrase: 'paarse olifanten fietsen traag naar Zwolle 1987' });
      const student = await call('students:create', { displayName: 'Noor el Amrani', schoolType: 'havo' });
      const templates = (await call('templates:list', {})) as unknown as { id: string; builtinKey: string | null }[];
      const intake = templates.find((template) => template.builtinKey === 'intake')!;
      const dialogue = await call('dialogues:create', {
        studentId: student.id, templateVersionId: intake.id, heldOn: '2025-09-01', participants: [{ name: 'Noor', role: 'student' }],
      });

      // Cancelled: nothing written anywhere.
      expect(await call('export:dialogue', { dialogueId: dialogue.id })).toEqual({ saved: false, fileName: 'Noor-el-Amrani-2025-09-01-gesprek.docx', location: null });
      expect(fake.dialog.calls).toHaveLength(1);
      // No window has focus in the fake, so the dialog belongs to the app window.
      expect(fake.dialog.calls[0]!.window).toBe(fake.windows[0]);
      expect(fake.dialog.calls[0]!.options).toMatchObject({
        defaultPath: join(documents, 'Noor-el-Amrani-2025-09-01-gesprek.docx'),
        filters: [{ name: 'Word (.docx)', extensions: ['docx'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
        // The first export says once that a synced folder leaves the computer.
        title: exporting.nl.syncedFolderTitle,
        message: exporting.nl.syncedFolderNote,
      });
      expect(readdirSync(documents)).toEqual([]);

      // Saved: a Word file where the mentor pointed, modal to whichever window has focus.
      const focused = new fake.BrowserWindow({});
      fake.BrowserWindow.focused = focused;
      fake.dialog.answer = { canceled: false, filePath: join(chosen, 'gesprek-noor.docx') };
      // Main adds the token for "Openen" / "Toon in map" (ADR 0026): the core never sees one.
      const saved = await call('export:dialogue', { dialogueId: dialogue.id });
      expect(saved).toEqual({ saved: true, fileName: 'gesprek-noor.docx', location: chosen, openToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
      expect(fake.dialog.calls[1]!.window).toBe(focused);
      expect(readFileSync(join(chosen, 'gesprek-noor.docx')).subarray(0, 4)).toEqual(Buffer.from('PK\u0003\u0004', 'latin1'));
      expect(readdirSync(chosen)).toEqual(['gesprek-noor.docx']);
      expect(fake.dialog.calls[1]!.options.title).toBeUndefined();
      // The token opens and shows that file through Electron's shell; a cancelled export has none.
      expect(await call('files:open', { token: saved.openToken })).toEqual({ ok: true });
      expect(await call('files:show', { token: saved.openToken })).toEqual({ ok: true });
      expect(fake.shell.calls).toEqual([
        { action: 'open', path: join(chosen, 'gesprek-noor.docx') },
        { action: 'show', path: join(chosen, 'gesprek-noor.docx') },
      ]);

      // The next export, of another kind, starts in that folder with its own type filter.
      fake.dialog.answer = { canceled: true, filePath: '' };
      expect(await call('audit:exportCsv', {})).toMatchObject({ saved: false });
      expect(fake.dialog.calls[2]!.options).toMatchObject({
        filters: [{ name: 'CSV (.csv)', extensions: ['csv'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      });
      expect(dirname(fake.dialog.calls[2]!.options.defaultPath!)).toBe(chosen);
      expect(basename(fake.dialog.calls[2]!.options.defaultPath!)).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
      // Remembered for this run (the fake has no keychain to seal it with, ADR 0015): the file in
      // userData keeps only that the note was shown — never the folder in plain (it may be named
      // after a student), never the file name (which carries the student's name).
      const memory = readFileSync(join(profile, 'userData', 'export-folder.json'), 'utf8');
      expect(JSON.parse(memory)).toEqual({ syncNoteShown: true });
      expect(memory).not.toContain(chosen);
      expect(memory).not.toMatch(/noor/i);

      // A name typed without .docx (Linux adds none) over an existing file: the dialog asked
      // about "gesprek-noor", so main asks about "gesprek-noor.docx"; the default keeps it.
      writeFileSync(join(chosen, 'gesprek-noor.docx'), 'the mentor\'s own edited copy');
      fake.dialog.answer = { canceled: false, filePath: join(chosen, 'gesprek-noor') };
      expect(await call('export:dialogue', { dialogueId: dialogue.id })).toMatchObject({ saved: false });
      expect(fake.dialog.boxes).toHaveLength(1);
      expect(readFileSync(join(chosen, 'gesprek-noor.docx'), 'utf8')).toBe('the mentor\'s own edited copy');
      expect(readdirSync(chosen)).toEqual(['gesprek-noor.docx']);
      await fake.quit();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);

  it.each([
    [false, 'uses'],
    [true, 'ignores'],
  ])('packaged=%s %s the native-binding override from the environment', async (isPackaged) => {
    const profile = mkdtempSync(join(tmpdir(), 'main-wiring-binding-'));
    process.env.LOOPBAANDIALOOG_NATIVE_BINDING = join(profile, 'planted.node');
    try {
      const fake = loadMain(true, { isPackaged, userData: profile });
      await fake.becomeReady();
      const created = (await fake.ipcMain.handlers.get('vault:create')!(
        { senderFrame: { url: 'app://app/index.html', parent: null } },
        { passphrase: 'paarse olifanten fietsen traag naar Zwolle 1987' },
      )) as { ok: boolean };
      // Unpackaged, the planted (missing) module is what SQLite tries to load, so opening fails.
      expect(created.ok).toBe(isPackaged);
      await fake.quit();
    } finally {
      delete process.env.LOOPBAANDIALOOG_NATIVE_BINDING;
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);

  it('starts whisper.cpp as a utility process when the host asks, with one end of a MessageChannelMain each (ADR 0022)', async () => {
    // The host is scripted here (in the app it is host.cjs in a utility process, which cannot fork);
    // the engine is scripted too, its pid that of a real process of ours, so main's hard kill shows.
    const stand = spawn('sleep', ['60'], { stdio: 'ignore' });
    const host = Object.assign(new EventEmitter(), {
      sent: [] as Array<{ message: { kind: string; id?: number }; transfer: unknown[] | undefined }>,
      pid: undefined,
      postMessage(message: { kind: string; id?: number }, transfer?: unknown[]) {
        host.sent.push({ message, transfer });
        if (message.kind === 'init') setImmediate(() => host.emit('message', { kind: 'ready' }));
        if (message.kind === 'request') setImmediate(() => host.emit('message', { kind: 'response', id: message.id, result: { ok: true, value: { state: 'none' } } }));
        if (message.kind === 'shutdown') setImmediate(() => host.emit('exit', 0));
      },
      kill: () => true,
    });
    const engine = Object.assign(new EventEmitter(), {
      sent: [] as Array<{ message: unknown; transfer: unknown[] | undefined }>,
      pid: stand.pid,
      postMessage(message: unknown, transfer?: unknown[]) {
        engine.sent.push({ message, transfer });
      },
      kill: () => true,
    });
    const fake = loadMain(true, { utilityFork: (modulePath) => (modulePath.endsWith('host.cjs') ? host : modulePath.endsWith('engine.cjs') ? engine : undefined) });
    try {
      await fake.becomeReady();
      const status = await fake.ipcMain.handlers.get('vault:status')!({ senderFrame: { url: 'app://app/index.html', parent: null } }, {});
      expect(status).toMatchObject({ ok: true });
      expect(fake.forks.map((f) => f.modulePath)).toEqual([join(outdir, 'host.cjs')]);

      host.emit('message', { kind: 'engineOpen', id: 3 });
      expect(fake.forks.map((f) => f.modulePath)).toEqual([join(outdir, 'host.cjs'), join(outdir, 'engine.cjs')]);
      expect(fake.forks[1]!.options).toMatchObject({ stdio: 'ignore' });
      engine.emit('spawn');
      const channel = fake.channels[0]!;
      expect(fake.channels).toHaveLength(1);
      expect(engine.sent).toEqual([{ message: { kind: 'port' }, transfer: [channel.port1] }]);
      expect(host.sent.filter((s) => s.message.kind.startsWith('engine'))).toEqual([
        { message: { kind: 'engineOpened', id: 3, pid: stand.pid }, transfer: [channel.port2] },
      ]);
      // A second one while it lives is refused; the engine's exit is reported to the host.
      host.emit('message', { kind: 'engineOpen', id: 4 });
      expect(fake.forks).toHaveLength(2);
      expect(host.sent.at(-1)!.message).toEqual({ kind: 'engineRefused', id: 4, reason: 'busy' });

      // Quitting ends the host, and with it the engine, by SIGKILL.
      const killed = new Promise<string | null>((resolve) => stand.once('exit', (_code, signal) => resolve(signal)));
      await fake.quit();
      expect(await killed).toBe('SIGKILL');
    } finally {
      stand.kill('SIGKILL');
    }
  }, 60_000);
});
