// Where the Electron binary and the Electron-ABI copy of the SQLite module live.
// Shared by the postinstall step, `npm start` and the Electron tests.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NATIVE_MODULE = 'better-sqlite3-multiple-ciphers';
const require = createRequire(join(repoRoot, 'package.json'));

function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The installed `electron` package's version, or null when the package is absent. */
export function electronVersion() {
  const dir = electronPackageDir();
  if (!dir) return null;
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

/**
 * Path of the Electron executable, or null when it was never downloaded. This mirrors
 * electron/index.js instead of calling require('electron'), because that call starts a
 * download when the binary is missing, which must not happen from a test or a postinstall.
 */
export function electronBinary() {
  const dir = electronPackageDir();
  if (!dir) return null;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relativePath = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? join(override, relativePath || 'electron') : join(dir, 'dist', relativePath);
  return existsSync(full) ? full : null;
}

/** Why Electron cannot run here, or null when it can. */
export function electronMissingReason() {
  if (!electronPackageDir()) return 'the electron package is not installed';
  if (!electronBinary()) {
    return 'the Electron binary is not installed on this machine (its installer downloads it from outside the npm registry)';
  }
  return null;
}

/** Folder holding the Electron-ABI copy of the native module for one Electron version. */
export function nativeBuildDir(version) {
  return join(repoRoot, 'build', 'native', `electron-${version}`);
}

/** The `.node` file passed to better-sqlite3 as `nativeBinding` when running under Electron. */
export function nativeBindingPath(version) {
  return join(nativeBuildDir(version), 'node_modules', NATIVE_MODULE, 'build', 'Release', 'better_sqlite3.node');
}
