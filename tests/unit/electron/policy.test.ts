import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import {
  APP_ENTRY_URL, contentTypeFor, isAllowedRequestUrl, isTrustedSender, resolveAppAsset,
  withContentSecurityPolicy,
} from '../../../electron/main/policy';

describe('isAllowedRequestUrl', () => {
  it.each([
    APP_ENTRY_URL,
    'app://app/assets/index-abc123.js',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://app/7c1f1a4e-0b7e-4d4a-9a8e-1f2e3d4c5b6a',
  ])('lets %s through', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:5173/index.html',
    'file:///etc/passwd',
    'ws://localhost:1234/',
    'ftp://example.com/x',
    'app://evil/index.html',
    'app://app:8080/index.html',
    'app://user:pw@app/index.html',
    'chrome://settings',
    'not a url',
    '',
  ])('cancels %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the app page in the top frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://app/', parent: null })).toBe(true);
  });

  it('refuses sub frames, even of the app itself', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } })).toBe(false);
    expect(isTrustedSender({ url: APP_ENTRY_URL })).toBe(false);
  });

  it.each([
    'https://example.com/',
    'file:///work/dist/renderer/index.html',
    'app://other/index.html',
    'app://app.evil.com/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
  ])('refuses %s', (url) => {
    expect(isTrustedSender({ url, parent: null })).toBe(false);
  });

  it('refuses a missing frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('resolveAppAsset', () => {
  const root = resolve('/srv/loopbaandialoog/dist/renderer');

  it.each([
    ['app://app/index.html', join(root, 'index.html')],
    ['app://app/', join(root, 'index.html')],
    ['app://app', join(root, 'index.html')],
    ['app://app/assets/index-Bx9.js', join(root, 'assets', 'index-Bx9.js')],
    ['app://app/assets/index.css?v=1#top', join(root, 'assets', 'index.css')],
    ['app://app/fonts/Inter%20Regular.woff2', join(root, 'fonts', 'Inter Regular.woff2')],
    // The URL parser drops single dots; what is left is still inside the root.
    ['app://app/./index.html', join(root, 'index.html')],
  ])('maps %s into the root', (url, expected) => {
    expect(resolveAppAsset(root, url)).toBe(expected);
  });

  it.each([
    'app://app/../secret.txt',
    'app://app/assets/../../secret.txt',
    'app://app/%2e%2e/secret.txt',
    'app://app/%2E%2E/%2E%2E/etc/passwd',
    'app://app/.%2e/secret.txt',
    'app://app/..%2fsecret.txt',
    'app://app/..%2Fsecret.txt',
    'app://app/assets/..%5c..%5csecret.txt',
    'app://app/..\\secret.txt',
    'app://app/assets\\..\\..\\secret.txt',
    'app://app//etc/passwd',
    'app://app/%2Fetc%2Fpasswd',
    'app://app/C:/Windows/win.ini',
    'app://app/C%3A%5CWindows%5Cwin.ini',
    'app://app/index.html%00.png',
    'app://app/index.html\u0000.png',
    'app://app/%',
    'app://evil/index.html',
    'app://app.evil/index.html',
    'app://app:1234/index.html',
    'file:///etc/passwd',
    'https://app/index.html',
    '/etc/passwd',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('never returns a path outside the root for any of many odd inputs', () => {
    const parts = ['..', '.', '%2e', '%2e%2e', '%252e%252e', '/', '\\', '%2f', '%5c', 'a', 'index.html', '%00', ':'];
    for (const a of parts) {
      for (const b of parts) {
        for (const c of parts) {
          const result = resolveAppAsset(root, `app://app/${a}${b}${c}`);
          if (result !== null) expect(result.startsWith(root + sep)).toBe(true);
        }
      }
    }
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.CSS', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['data.bin', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any CSP the response carried and keeps the other headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('adds the CSP when there were no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
