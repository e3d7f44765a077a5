import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';

const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((part) => {
  const [name, ...values] = part.trim().split(/\s+/);
  return [name!, values] as const;
}));

describe('CSP for playback', () => {
  it('lets <audio> play blob: URLs (a recording the renderer read from the vault) and nothing else', () => {
    expect(directives.get('media-src')).toEqual(['blob:']);
  });

  it('still allows no network and no other sources', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });
});
