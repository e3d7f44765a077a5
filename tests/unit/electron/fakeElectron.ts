import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

// Just enough of the `electron` module for main.ts to run in plain Node, recording what the
// main process asked of it. Only the parts main.ts, window.ts, session.ts and appProtocol.ts use.

type Handler = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
}

export function createFakeElectron(options: { userData: string; hasLock: boolean; isPackaged?: boolean }) {
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: vi.fn(() => options.hasLock),
    quit: vi.fn(),
    getPath: vi.fn((name: string) => {
      if (name !== 'userData') throw new Error(`unexpected path ${name}`);
      return options.userData;
    }),
    getVersion: () => '0.1.0',
    whenReady: () => ready,
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    focus = vi.fn();
    show = vi.fn();
    restore = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    isMinimized(): boolean {
      return false;
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
    }
  }

  const session = {
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
  };

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

  let isReady = false;
  return {
    module: { app, BrowserWindow: FakeBrowserWindow, session: { defaultSession: session }, protocol, ipcMain, safeStorage },
    app,
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
