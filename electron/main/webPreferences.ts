import type { WebPreferences } from 'electron';

/**
 * The only webPreferences any window of this app gets (Electron security checklist #2–#4,
 * #9, #12). Type-only import: this file stays loadable in plain Node for its unit test.
 */
export function secureWebPreferences(preloadPath: string, allowDevTools = false): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // The spellchecker would download dictionaries and see transcript text.
    spellcheck: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    safeDialogs: true,
    devTools: allowDevTools,
  };
}
