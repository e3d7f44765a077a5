import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { Backend } from '../core/backend';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { createFolderDialogPicker } from './folderDialogPicker';
import { registerIpc } from './ipc';
import { createSafeStorageProtector } from './safeStorageProtector';
import { createSaveDialogTarget } from './saveDialogTarget';
import { hardenSession } from './session';
import { createMainWindow } from './window';

/** Set by scripts/start.mjs in development; the packaged app loads its own rebuilt module. */
const NATIVE_BINDING_ENV = 'LOOPBAANDIALOOG_NATIVE_BINDING';

/**
 * Honoured only unpackaged: in the packaged app an environment variable must not be able to
 * load native code from outside the integrity-checked asar (the fuses would be pointless).
 */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  return process.env[NATIVE_BINDING_ENV] || undefined;
}

function focus(window: BrowserWindow | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function start(): void {
  // Two processes on one vault would fight over the database and the unlock throttle.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // Privileged schemes can only be registered before `ready`.
  registerAppScheme();

  let backend: Backend | null = null;
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => focus(mainWindow));

  const lockVault = (): void => {
    backend?.close();
  };
  app.on('before-quit', lockVault);
  app.on('window-all-closed', () => {
    lockVault();
    app.quit();
  });

  void app.whenReady().then(() => {
    backend = new Backend({
      dataDir: join(app.getPath('userData'), 'vault'),
      appVersion: app.getVersion(),
      nativeBinding: nativeBinding(),
      device: createSafeStorageProtector(safeStorage, process.platform),
      // Modal to the window the mentor works in; the main window if focus is elsewhere.
      saveTarget: createSaveDialogTarget(dialog, app, () => BrowserWindow.getFocusedWindow() ?? mainWindow),
      folderPicker: createFolderDialogPicker(dialog, () => BrowserWindow.getFocusedWindow() ?? mainWindow),
    });
    backend.startAutoLock();

    handleAppProtocol();
    hardenSession(session.defaultSession);
    registerIpc(ipcMain, backend);
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}

start();
