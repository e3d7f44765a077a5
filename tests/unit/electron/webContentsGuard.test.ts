import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardWebContents, installWebContentsGuard, refuseDownloads } from '../../../electron/main/webContentsGuard';

class Contents extends EventEmitter {
  openHandler: (() => unknown) | null = null;
  constructor(readonly session?: EventEmitter) {
    super();
  }
  setWindowOpenHandler(handler: () => unknown): void {
    this.openHandler = handler;
  }
}

function prevented(target: EventEmitter, name: string): boolean {
  let done = false;
  target.emit(name, { preventDefault: () => (done = true) });
  return done;
}

describe('webContentsGuard', () => {
  it('refuses navigation, redirects, frame navigation, webviews and new windows', () => {
    const contents = new Contents();
    guardWebContents(contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']) {
      expect(prevented(contents, name), name).toBe(true);
    }
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('guards contents created later through the app, and refuses downloads in their session', () => {
    const app = new EventEmitter();
    installWebContentsGuard(app);
    const session = new EventEmitter();
    const first = new Contents(session);
    const second = new Contents(session);
    app.emit('web-contents-created', {}, first);
    app.emit('web-contents-created', {}, second);
    expect(prevented(second, 'will-navigate')).toBe(true);
    expect(prevented(session, 'will-download')).toBe(true);
    // A session shared by many contents gets one listener, not one per contents.
    expect(session.listenerCount('will-download')).toBe(1);
  });

  it('refuses downloads in a session once, however often it is asked', () => {
    const session = new EventEmitter();
    refuseDownloads(session);
    refuseDownloads(session);
    expect(session.listenerCount('will-download')).toBe(1);
    expect(prevented(session, 'will-download')).toBe(true);
  });
});
