// postinstall: builds an Electron-ABI copy of the SQLite module next to (never over) the Node
// build in node_modules, so `npm test` (Node) and `npm start` (Electron) both work from one
// checkout without rebuilding in between. main.ts loads the copy through `nativeBinding`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  NATIVE_MODULE, electronBinary, electronVersion, nativeBindingPath, nativeBuildDir, repoRoot,
} from './electron-paths.mjs';

const require = createRequire(join(repoRoot, 'package.json'));

/** Copies the module's sources without its Node build, which the rebuild replaces anyway. */
function copyModuleSources(buildDir, version) {
  const source = dirname(require.resolve(`${NATIVE_MODULE}/package.json`));
  const target = join(buildDir, 'node_modules', NATIVE_MODULE);
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(source, target, {
    recursive: true,
    filter: (path) => {
      const top = relative(source, path).split(sep)[0];
      return top !== 'build' && top !== 'node_modules';
    },
  });
  const moduleVersion = require(`${NATIVE_MODULE}/package.json`).version;
  writeFileSync(
    join(buildDir, 'package.json'),
    `${JSON.stringify({ name: `native-electron-${version}`, private: true, dependencies: { [NATIVE_MODULE]: moduleVersion } }, null, 2)}\n`,
  );
}

/**
 * Returns the `.node` path for the installed Electron, building it when missing, or null when
 * there is no Electron binary or the build failed. Never throws.
 */
export async function ensureElectronNative({ log = console.log } = {}) {
  if (!electronBinary()) {
    log('[native-for-electron] Electron copy of the SQLite module skipped: the Electron binary is not installed here; tests and the tour use the Node build.');
    return null;
  }
  const version = electronVersion();
  const output = nativeBindingPath(version);
  if (existsSync(output)) return output;

  const buildDir = nativeBuildDir(version);
  try {
    log(`[native-for-electron] building ${NATIVE_MODULE} for Electron ${version} in ${relative(repoRoot, buildDir)}`);
    copyModuleSources(buildDir, version);
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: buildDir,
      // Stops the module search at the copy, so the Node build in node_modules is never touched.
      projectRootPath: buildDir,
      electronVersion: version,
      onlyModules: [NATIVE_MODULE],
      force: true,
    });
    if (!existsSync(output)) throw new Error(`rebuild finished but ${output} is missing`);
    log(`[native-for-electron] ready: ${relative(repoRoot, output)}`);
    return output;
  } catch (error) {
    log(`[native-for-electron] could not build the Electron copy (${error?.message ?? error}); npm start will retry.`);
    return null;
  }
}

/**
 * Runs Electron's own installer (which downloads the binary) and tolerates its failure.
 * package.json's allowScripts denies electron's postinstall so that npm does not fail the whole
 * install where the download host is unreachable; this step runs the same installer instead.
 */
export function downloadElectronBinary({ log = console.log } = {}) {
  if (electronBinary()) return true;
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return false;
  }
  log('[native-for-electron] downloading the Electron binary…');
  const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10 * 60_000 });
  if (result.status === 0 && electronBinary()) return true;
  log('[native-for-electron] the Electron binary could not be downloaded: `npm start` will explain; `npm test` and `npm run tour` work without it.');
  return false;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // An install must never fail because of these optional steps.
  // The tests set this: they check the rest of the step without any network attempt.
  if (!process.env.LOOPBAANDIALOOG_SKIP_ELECTRON_DOWNLOAD) downloadElectronBinary();
  await ensureElectronNative().catch(() => undefined);
  process.exitCode = 0;
}
