import type { Session } from 'electron';
import { isAllowedRequestUrl, isAppUrl, withContentSecurityPolicy } from './policy';
import { allowPermissionCheck, allowPermissionRequest, type PermissionCheckLike, type PermissionRequestLike } from './mediaPermission';
import { refuseDownloads } from './webContentsGuard';

/** The URL of the page that asks; null when the contents are gone or not a page. */
function pageUrl(contents: unknown): string | null {
  try {
    const url = (contents as { getURL?: () => string } | null)?.getURL?.();
    return typeof url === 'string' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Locks down a session: no permission is granted but the microphone for the app's own page
 * (issue 17: recording a dialogue; never camera, screen, notifications, USB, …), no request
 * leaves for the network, no download is written, and every app page carries the CSP header.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowPermissionRequest(permission, details as PermissionRequestLike | undefined, pageUrl(contents)));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, details as PermissionCheckLike | undefined));
  session.setDevicePermissionHandler(() => false);
  // The request filter already stops network downloads; this also stops blob: and data: ones
  // a page could start (they never reach the network, so the filter lets them through).
  refuseDownloads(session);

  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    // DevTools pages bring their own policy; ours would break them.
    if (!isAppUrl(details.url)) return callback({});
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}
