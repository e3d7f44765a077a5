import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronMissingReason, nativeBindingPath, repoRoot } from '../../../scripts/electron-paths.mjs';

// Tests never start Electron's download (the one network call of an install).
const run = (script: string) =>
  spawnSync(process.execPath, [join(repoRoot, 'scripts', script)], {
    cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LOOPBAANDIALOOG_SKIP_ELECTRON_DOWNLOAD: '1' },
  });

const electronMissing = electronMissingReason() !== null;

describe('electron helper scripts', () => {
  it('keeps the Electron-ABI module in its own folder, away from the Node build', () => {
    const path = nativeBindingPath('45.5.0');
    expect(path).toBe(
      join(repoRoot, 'build/native/electron-45.5.0/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'),
    );
    expect(path).not.toContain(join(repoRoot, 'node_modules'));
  });

  it.runIf(electronMissing)('postinstall skips the Electron copy with one line and succeeds', () => {
    const result = run('native-for-electron.mjs');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/skipped: the Electron binary is not installed/);
  });

  it.runIf(electronMissing)('npm start explains in English and Dutch why it cannot start, and fails', () => {
    const result = run('start.mjs');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Electron binary is not installed/);
    expect(result.stderr).toMatch(/niet geïnstalleerd/);
    expect(result.stderr).toMatch(/npm run tour -- </);
  });
});
