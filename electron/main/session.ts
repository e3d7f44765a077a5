import type { Session } from 'electron';
import { isAllowedRequestUrl, isAppUrl, withContentSecurityPolicy } from './policy';
import { refuseDownloads } from './webContentsGuard';

/**
 * Locks down a session: no permission is ever granted (camera, notifications, USB, …), no
 * request leaves for the network, no download is written, and every app page carries the CSP
 * header.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
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
