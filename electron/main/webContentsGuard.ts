import { logEvent } from '../core/log';

// Structural stand-ins for Electron's app, webContents and session, so the guard is
// unit-tested with fakes and this file never imports `electron`.
export interface PreventableEventLike {
  preventDefault(): void;
}

export interface DownloadSessionLike {
  on(event: 'will-download', listener: (event: PreventableEventLike) => void): unknown;
}

/** The navigation events every web contents refuses; loadURL by main itself fires none of them. */
export const REFUSED_NAVIGATION_EVENTS = ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview'] as const;

export interface GuardedWebContentsLike {
  on(event: (typeof REFUSED_NAVIGATION_EVENTS)[number], listener: (event: PreventableEventLike) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  /** Electron gives every web contents one; a fake may leave it out. */
  readonly session?: DownloadSessionLike;
}

export interface WebContentsCreatedSourceLike {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedWebContentsLike) => void): unknown;
}

const downloadRefusingSessions = new WeakSet<DownloadSessionLike>();

/**
 * The app downloads nothing: a download would write page-chosen bytes to the mentor's disk
 * outside every check the exports have. One listener per session, however many contents share it.
 */
export function refuseDownloads(session: DownloadSessionLike): void {
  if (downloadRefusingSessions.has(session)) return;
  downloadRefusingSessions.add(session);
  session.on('will-download', (event) => {
    event.preventDefault();
    logEvent('shell.download_refused');
  });
}

/**
 * What every web contents of this app gets, whoever made it (the main window, DevTools, or
 * anything a future change or a compromised page brings up): no navigation away, no redirects,
 * no frames navigating elsewhere, no webviews, no new windows, no downloads. The page only
 * ever lives at app://app, loaded by main with loadURL, which fires none of these events.
 */
export function guardWebContents(contents: GuardedWebContentsLike): void {
  for (const name of REFUSED_NAVIGATION_EVENTS) {
    contents.on(name, (event) => {
      event.preventDefault();
      // Only the event's name: the URL a page tried may itself carry data.
      logEvent('shell.navigation_refused', { kind: name });
    });
  }
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (contents.session) refuseDownloads(contents.session);
}

/**
 * Installs the guard app-wide (Electron security checklist #12–#14 for every web contents, not
 * only the window this app opens itself). Must run before `ready`, so nothing is created unguarded.
 */
export function installWebContentsGuard(app: WebContentsCreatedSourceLike): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
