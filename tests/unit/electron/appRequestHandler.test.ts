import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';
import { createAppRequestHandler } from '../../../electron/main/appRequestHandler';

describe('app:// request handler', () => {
  let base: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>ok</title>');
    writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
    // A file right next to the root that a traversal would reach.
    writeFileSync(join(base, 'secret.txt'), 'do not serve');
    handle = createAppRequestHandler(root);
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves the entry page with its type and the CSP', async () => {
    const response = await handle(new Request('app://app/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>ok</title>');
  });

  it('serves scripts as JavaScript, which module scripts require', async () => {
    const response = await handle(new Request('app://app/assets/index.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://app/missing.js',
    'app://app/assets',
    'app://app/../secret.txt',
    'app://app/%2e%2e/secret.txt',
    'app://app/..%2fsecret.txt',
    'app://other/index.html',
  ])('answers %s with 404 and still sends the CSP', async (url) => {
    const response = await handle(new Request(url));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('refuses anything but GET', async () => {
    const response = await handle(new Request('app://app/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
