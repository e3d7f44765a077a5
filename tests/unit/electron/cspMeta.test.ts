import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// Electron sends the CSP as a header; the browser harness only sees the meta tag.
describe('renderer/index.html', () => {
  it('carries the same CSP as the app:// header', () => {
    const html = readFileSync(join(__dirname, '../../../renderer/index.html'), 'utf8');
    const tags = html.match(/<meta\b[^>]*http-equiv\s*=\s*["']Content-Security-Policy["'][^>]*>/gi) ?? [];
    expect(tags).toHaveLength(1);
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tags[0]!);
    expect(content).not.toBeNull();
    expect(decodeAttribute(content![1] ?? content![2] ?? '')).toBe(CONTENT_SECURITY_POLICY);
  });
});
