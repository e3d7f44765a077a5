import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../electron/main/webPreferences';

describe('secureWebPreferences', () => {
  it('sandboxes and isolates the renderer with no Node access', () => {
    expect(secureWebPreferences('/app/dist/electron/preload.cjs')).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('allows DevTools only when asked (development, not packaged)', () => {
    expect(secureWebPreferences('/p.cjs').devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true);
    expect(secureWebPreferences('/p.cjs', true).sandbox).toBe(true);
  });
});
