import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/unit/**/*.test.tsx',
      'tests/component/**/*.test.tsx',
      // Skipped, with the reason printed, where the Electron binary is not installed.
      'tests/electron/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // scrypt at production strength takes 128 MiB per derivation; two workers is what 2 cores carry.
    maxWorkers: 2,
  },
});
