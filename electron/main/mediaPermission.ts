import { isAppUrl } from './policy';

// Issue 17: the one permission the app grants. Pure decisions (no `electron` import), so that
// every case is unit-tested in plain Node; session.ts wires them into the session's handlers.

/** What Electron passes to a permission request handler for the permission asked (details). */
export interface PermissionRequestLike {
  requestingUrl?: string | undefined;
  isMainFrame?: boolean | undefined;
  /** For 'media': what the page asks for; an empty list means Chromium could not tell. */
  mediaTypes?: readonly string[] | undefined;
}

/** What Electron passes to a permission check handler (details). */
export interface PermissionCheckLike {
  requestingUrl?: string | undefined;
  securityOrigin?: string | undefined;
  isMainFrame?: boolean | undefined;
  /** For 'media': 'audio', 'video' or 'unknown'. */
  mediaType?: string | undefined;
}

/**
 * A permission request is granted only for the microphone: permission 'media' asking for audio
 * and nothing else (no video: no camera, no screen capture), from the app's own page (app://app)
 * in its top frame. Everything else (camera, screen, notifications, geolocation, MIDI, …) is denied.
 */
export function allowPermissionRequest(permission: string, details: PermissionRequestLike | null | undefined, pageUrl: string | null | undefined): boolean {
  if (permission !== 'media' || !details) return false;
  if (details.isMainFrame === false) return false;
  if (!isAppUrl(details.requestingUrl) || !isAppUrl(pageUrl)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'audio');
}

/**
 * The synchronous check Chromium makes before (and besides) a request: the same rule. A check
 * for 'media' with the type 'audio' from the app's own origin answers yes; anything else no.
 */
export function allowPermissionCheck(permission: string, requestingOrigin: string | null | undefined, details: PermissionCheckLike | null | undefined): boolean {
  if (permission !== 'media' || !details) return false;
  if (details.isMainFrame === false) return false;
  if (details.mediaType !== 'audio') return false;
  const origin = details.securityOrigin ?? requestingOrigin;
  return isAppUrl(origin) && (details.requestingUrl === undefined || isAppUrl(details.requestingUrl));
}
