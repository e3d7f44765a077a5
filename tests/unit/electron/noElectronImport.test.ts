import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '../../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** A value import of electron, i.e. anything but `import type … from 'electron'`. */
function importsElectronAtRuntime(source: string): boolean {
  const statements = source.match(/^\s*(?:import|export)\b[^;]*?from\s*['"]electron['"]/gm) ?? [];
  const valueImport = statements.some((s) => !/^\s*import\s+type\b/.test(s));
  return valueImport || /\brequire\(\s*['"]electron['"]\s*\)|\bimport\(\s*['"]electron['"]\s*\)/.test(source);
}

// These files carry the security rules and are unit-tested in plain Node, where loading
// `electron` would try to download the binary. The core must run without Electron at all.
const ELECTRON_FREE_MAIN_FILES = [
  'policy.ts', 'webPreferences.ts', 'ipc.ts', 'safeStorageProtector.ts', 'appRequestHandler.ts', 'saveDialogTarget.ts',
  'webContentsGuard.ts', 'shellSettings.ts', 'exportFolderMemory.ts',
];

describe('electron imports', () => {
  it('the core never imports electron', () => {
    const offenders = tsFiles(join(repoRoot, 'electron/core'))
      .filter((file) => /['"]electron['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(repoRoot, file));
    expect(offenders).toEqual([]);
  });

  it.each(ELECTRON_FREE_MAIN_FILES)('electron/main/%s does not load electron', (file) => {
    expect(importsElectronAtRuntime(readFileSync(join(repoRoot, 'electron/main', file), 'utf8'))).toBe(false);
  });

  it('the check itself spots a value import', () => {
    expect(importsElectronAtRuntime("import { app } from 'electron';")).toBe(true);
    expect(importsElectronAtRuntime("import type { Session } from 'electron';")).toBe(false);
  });
});
