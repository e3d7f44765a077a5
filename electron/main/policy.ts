import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

// Pure security decisions for the Electron shell. This file must never import `electron`,
// so every rule here is unit-tested in plain Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string | null | undefined): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for the app's own origin only: `app://app/…`, no credentials, no port. */
export function isAppUrl(url: string | null | undefined): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The app never uses the network, so the session lets through only its own pages, the
 * DevTools frontend (itself gated by `devTools` in development), and in-memory `data:`/`blob:`
 * images that the CSP allows. Everything else, including file:, is cancelled.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parse(url);
  if (!parsed) return false;
  return parsed.protocol === 'devtools:' || parsed.protocol === 'data:' || parsed.protocol === 'blob:';
}

export interface SenderFrameLike {
  url: string;
  /** Electron's WebFrameMain.parent: null exactly for the top frame. */
  parent?: unknown;
}

/** IPC is answered only for the app's own page in the top frame (Electron checklist #17). */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

// Chromium normalises URLs before the handler sees them, so these only appear in raw or
// deliberately encoded form; refusing them outright is simpler than reasoning about decoding.
const HOSTILE_RAW = /\\|%5c|%00|%2e|%2f|\.\./i;

/**
 * Maps an `app://app/…` URL to a file inside `rootDir`, or null (→ 404) for anything that is
 * not plainly a path inside it. `/` serves index.html.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): string | null {
  if (requestUrl.includes('\0') || HOSTILE_RAW.test(requestUrl)) return null;
  if (!isAppUrl(requestUrl)) return null;
  const parsed = parse(requestUrl);
  if (!parsed) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  // Drive letters, UNC-ish double slashes and stray control characters have no place in asset names.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.includes(':')) return null;
  if (pathname.includes('//') || !pathname.startsWith('/')) return null;
  const segments = pathname.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;

  const root = resolve(rootDir);
  const target = resolve(root, ...segments);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return target;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Module scripts are refused without a JavaScript MIME type, so the mapping must be exact. */
export function contentTypeFor(filePath: string): string {
  const dot = filePath.lastIndexOf('.');
  const ext = dot >= 0 ? filePath.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** Headers for every app:// response: the CSP, and no MIME sniffing. */
export function appResponseHeaders(filePath: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(filePath),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}

export type ResponseHeaders = Record<string, string | string[]>;

/** Replaces any CSP the response carried (whatever its casing) with the app's own. */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): ResponseHeaders {
  const next: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') next[name] = value;
  }
  next['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return next;
}
