/**
 * The renderer's Content-Security-Policy: only the app's own scripts and styles, no network at
 * all (connect-src 'none'), no plugins, no framing, no form posts. Electron sends it as a
 * header from the app:// protocol; renderer/index.html carries the same as a meta tag for the
 * browser harness (a test keeps the two equal). Media only from blob: URLs, which the renderer
 * makes itself from a recording's bytes read from the vault (playback); never from a file or
 * the network.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
