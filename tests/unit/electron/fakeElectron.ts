import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

// Just enough of the `electron` module for main.ts to run in plain Node, recording what the
// main process asked of it. Only the parts main.ts, window.ts, session.ts, appProtocol.ts,
// webContentsGuard.ts and saveDialogTarget.ts use.

type Handler = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  /** Electron gives every web contents its session; the fake window's is the default session. */
  constructor(readonly session?: EventEmitter) {
    super();
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
}

export interface SaveDialogCall { window: unknown; options: { defaultPath?: string; filters?: unknown; properties?: unknown; title?: string; message?: string } }

/** A utility process a test scripts itself instead of forking a Node child (see `utilityFork`). */
export interface ScriptedUtility extends EventEmitter {
  postMessage(message: unknown, transfer?: unknown[]): void;
  readonly pid?: number | undefined;
  kill(): boolean;
}

/** Electron's MessageChannelMain: two linked ends, recorded so a test can follow where each went. */
export class FakeMessagePortMain {
  closed = false;
  constructor(readonly channel: number, readonly end: 1 | 2) {}
  postMessage(): void {}
  start(): void {}
  close(): void {
    this.closed = true;
  }
}

export function createFakeElectron(options: {
  userData: string; hasLock: boolean; isPackaged?: boolean; documents?: string;
  /** Returns a scripted process for a module path, or undefined to fork it as a Node child. */
  utilityFork?: (modulePath: string, forkOptions: unknown) => ScriptedUtility | undefined;
}) {
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: vi.fn(() => options.hasLock),
    quit: vi.fn(),
    getPath: vi.fn((name: string) => {
      if (name === 'userData') return options.userData;
      if (name === 'documents' && options.documents) return options.documents;
      throw new Error(`unexpected path ${name}`);
    }),
    getVersion: () => '0.1.0',
    whenReady: () => ready,
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    static focused: FakeBrowserWindow | null = null;
    static getFocusedWindow(): FakeBrowserWindow | null {
      return FakeBrowserWindow.focused;
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return [...windows];
    }
    isDestroyed(): boolean {
      return false;
    }
    readonly webContents = new FakeWebContents(session);
    loadedUrl: string | null = null;
    focus = vi.fn();
    show = vi.fn();
    restore = vi.fn();
    /** The last setContentProtection call; null while main never called it. */
    contentProtection: boolean | null = null;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      // As in Electron: the window's web contents is announced app-wide while the window is made,
      // and the window itself once it exists.
      app.emit('web-contents-created', {}, this.webContents);
      app.emit('browser-window-created', {}, this);
    }
    setContentProtection(enable: boolean): void {
      this.contentProtection = enable;
    }
    isMinimized(): boolean {
      return false;
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
    }
  }

  /** The default session; an EventEmitter for its `will-download` event. */
  const session = Object.assign(new EventEmitter(), {
    permissionRequestHandler: null as Handler | null,
    permissionCheckHandler: null as Handler | null,
    devicePermissionHandler: null as Handler | null,
    beforeRequest: null as Handler | null,
    headersReceived: null as Handler | null,
    setPermissionRequestHandler(handler: Handler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Handler) {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: Handler) {
      this.devicePermissionHandler = handler;
    },
    webRequest: {
      onBeforeRequest: (handler: Handler) => {
        session.beforeRequest = handler;
      },
      onHeadersReceived: (handler: Handler) => {
        session.headersReceived = handler;
      },
    },
  });

  const protocol = {
    privileged: null as unknown,
    privilegedBeforeReady: false,
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: unknown) {
      this.privileged = schemes;
      this.privilegedBeforeReady = !isReady;
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      this.handlers.set(scheme, handler);
    },
  };

  const ipcMain = {
    handlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
    handle(channel: string, listener: (event: unknown, request: unknown) => Promise<unknown>) {
      this.handlers.set(channel, listener);
    },
  };

  const safeStorage = {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: () => {
      throw new Error('not available');
    },
    decryptString: () => {
      throw new Error('not available');
    },
  };

  /**
   * The save dialog: records each call and answers with `answer` (cancelled unless set); the
   * message box (asked before replacing) answers `boxResponse` (1, keep the file, unless set).
   */
  const dialog = {
    calls: [] as SaveDialogCall[],
    answer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
    boxes: [] as unknown[],
    boxResponse: 1,
    async showSaveDialog(first: unknown, second?: SaveDialogCall['options']) {
      this.calls.push(second ? { window: first, options: second } : { window: undefined, options: first as SaveDialogCall['options'] });
      return this.answer;
    },
    async showMessageBox(first: unknown, second?: unknown) {
      this.boxes.push(second ?? first);
      return { response: this.boxResponse };
    },
  };

  /** Electron's shell ("Openen" / "Toon in map" after an export): records, never opens anything. */
  const shell = {
    calls: [] as { action: 'open' | 'show'; path: string }[],
    async openPath(path: string) {
      this.calls.push({ action: 'open', path });
      return '';
    },
    showItemInFolder(path: string) {
      this.calls.push({ action: 'show', path });
    },
  };

  /**
   * Electron's utilityProcess as a forked Node child running the same bundled host entry; the
   * entry talks over the child's IPC channel when there is no Electron parentPort.
   */
  const children: ChildProcess[] = [];
  const forks: Array<{ modulePath: string; options: unknown }> = [];
  const channels: Array<{ port1: FakeMessagePortMain; port2: FakeMessagePortMain }> = [];
  class MessageChannelMain {
    readonly port1 = new FakeMessagePortMain(channels.length, 1);
    readonly port2 = new FakeMessagePortMain(channels.length, 2);
    constructor() {
      channels.push(this);
    }
  }
  const utilityProcess = {
    fork(modulePath: string, _args?: string[], forkOptions?: unknown) {
      forks.push({ modulePath, options: forkOptions });
      const scripted = options.utilityFork?.(modulePath, forkOptions);
      if (scripted) return scripted;
      const child = fork(modulePath, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      return {
        postMessage: (message: unknown) => child.connected && child.send(message as never),
        on: (event: 'message' | 'exit', listener: (value: never) => void) => child.on(event, listener as never),
        kill: () => child.kill('SIGKILL'),
      };
    },
  };

  let isReady = false;
  return {
    module: { app, BrowserWindow: FakeBrowserWindow, session: { defaultSession: session }, protocol, ipcMain, safeStorage, dialog, shell, utilityProcess, MessageChannelMain },
    children,
    /** Every utilityProcess.fork, scripted or not, and every MessageChannelMain made. */
    forks,
    channels,
    /** Emits before-quit the way Electron does, and waits until main let the app quit. */
    async quit(): Promise<void> {
      const calls = app.quit.mock.calls.length;
      app.emit('before-quit', { preventDefault: () => undefined });
      await vi.waitFor(() => {
        if (app.quit.mock.calls.length === calls) throw new Error('still quitting');
      }, { timeout: 10_000 });
    },
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog,
    shell,
    windows,
    session,
    protocol,
    ipcMain,
    async becomeReady(): Promise<void> {
      isReady = true;
      markReady();
      await ready;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
