import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
const lockedDown: string[] = [];

/** A fresh folder under the OS temp dir, removed (with everything in it) after the test. */
export function tempDir(prefix = 'lbd-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** chmod 0o500 a folder; its mode is given back after the test so that it can be removed. */
export function makeReadOnly(dir: string): void {
  chmodSync(dir, 0o500);
  lockedDown.push(dir);
}

// Registered once per test file: every test file gets its own instance of this module.
afterEach(() => {
  for (const dir of lockedDown.splice(0)) {
    try {
      chmodSync(dir, 0o700);
    } catch {
      /* already gone */
    }
  }
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
