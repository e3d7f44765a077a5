import { app, BrowserWindow, dialog, ipcMain, MessageChannelMain, safeStorage, session, shell, utilityProcess } from 'electron';
import { join } from 'node:path';
import { HostClient } from '../core/host/hostClient';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { ExportedFiles } from './exportedFiles';
import { createExportFolderMemory, EXPORT_FOLDER_FILE } from './exportFolderMemory';
import { createFolderDialogPicker } from './folderDialogPicker';
import { forwardEvent } from './forwardEvents';
import { registerIpc } from './ipc';
import { createOpenFileDialogPicker } from './openFileDialogPicker';
import { createSafeStorageProtector } from './safeStorageProtector';
import { createSaveDialogTarget } from './saveDialogTarget';
import { hardenSession } from './session';
import { ShellSettings } from './shellSettings';
import { createEngineBroker } from './utilityEngine';
import { spawnUtilityHost } from './utilityHost';
import { installWebContentsGuard } from './webContentsGuard';
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
  // Before any web contents exists, so none (window, DevTools, whatever comes later) is unguarded.
  installWebContentsGuard(app);
  // Content protection follows the vault's setting, for windows made later too.
  const shellSettings = new ShellSettings();
  app.on('browser-window-created', (_event, window) => shellSettings.applyTo(window));

  let host: HostClient | null = null;
  let mainWindow: BrowserWindow | null = null;
  let closed = false;

  app.on('second-instance', () => focus(mainWindow));

  // Quitting waits (briefly) for the host to lock the vault and close the database.
  const closeHost = (): Promise<void> => host?.close() ?? Promise.resolve();
  app.on('before-quit', (event) => {
    if (closed || !host) return;
    event.preventDefault();
    void closeHost().finally(() => {
      closed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    app.quit();
  });

  void app.whenReady().then(() => {
    const device = createSafeStorageProtector(safeStorage, process.platform);
    const binding = nativeBinding();
    // "Openen" / "Toon in map" after an export: only files its own save dialog chose, by token (ADR 0026).
    const exported = new ExportedFiles(shell);
    // The core runs in its own process; this one keeps windows, dialogs and the keychain.
    host = new HostClient({
      spawn: () => spawnUtilityHost(utilityProcess, join(__dirname, 'host.cjs')),
      config: {
        dataDir: join(app.getPath('userData'), 'vault'),
        appVersion: app.getVersion(),
        ...(binding ? { nativeBinding: binding } : {}),
        deviceAvailable: device.isAvailable(),
      },
      services: {
        device,
        // Modal to the window the mentor works in; the main window if focus is elsewhere.
        saveTarget: exported.saveTarget(createSaveDialogTarget(dialog, app, () => BrowserWindow.getFocusedWindow() ?? mainWindow, {
          // The last export folder (sealed with the keychain, never in plain) and the one-time synced-folder note.
          memory: createExportFolderMemory(join(app.getPath('userData'), EXPORT_FOLDER_FILE), device),
          language: () => shellSettings.language,
        })),
        folderPicker: createFolderDialogPicker(dialog, () => BrowserWindow.getFocusedWindow() ?? mainWindow),
        openFile: createOpenFileDialogPicker(dialog, () => BrowserWindow.getFocusedWindow() ?? mainWindow),
      },
      onEvent: (event) => {
        exported.receive(event);
        shellSettings.receive(event, BrowserWindow.getAllWindows());
        forwardEvent(BrowserWindow.getAllWindows(), event);
      },
      // whisper.cpp runs in a process of its own that only main can start here (ADR 0022).
      engines: createEngineBroker({
        utilityProcess,
        createChannel: () => new MessageChannelMain(),
        engineEntry: join(__dirname, 'engine.cjs'),
      }),
    });

    handleAppProtocol();
    hardenSession(session.defaultSession);
    registerIpc(ipcMain, exported.dispatcher(host));
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}

start();
