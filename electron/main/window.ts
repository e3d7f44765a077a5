import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL } from './policy';
import { secureWebPreferences } from './webPreferences';

/**
 * The single app window. Its page may never leave app://app: navigation, redirects, popups
 * and webviews are all refused here, in addition to the session-level request filter.
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Loopbaandialoog',
    // main.cjs and preload.cjs are bundled side by side in dist/electron.
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs'), !app.isPackaged),
  });

  const contents = window.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
