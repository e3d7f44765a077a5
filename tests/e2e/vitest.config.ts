import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in headless Chromium against the real backend (tests/harness).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own Chromium; two at once is what two cores carry.
    maxWorkers: 2,
  },
});
