// `npm start`: builds the app and runs it in Electron, with the Electron-ABI SQLite module.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary, repoRoot } from './electron-paths.mjs';
import { ensureElectronNative } from './native-for-electron.mjs';

const binary = electronBinary();
if (!binary) {
  console.error(
    [
      'The Electron binary is not installed on this machine (its installer downloads it from outside',
      'the npm registry), so the desktop app cannot start here.',
      'Use `npm run tour -- <dir>` to drive the real app in headless Chromium instead.',
      '',
      'Het Electron-programma is op deze computer niet geïnstalleerd (het installatieprogramma haalt het',
      'van buiten de npm-registry), dus de desktop-app kan hier niet starten.',
      'Gebruik `npm run tour -- <map>` om de echte app in headless Chromium te bedienen.',
    ].join('\n'),
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npm, ['run', 'build'], {
  cwd: repoRoot,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const nativeBinding = await ensureElectronNative();
if (!nativeBinding) {
  console.error('The SQLite module for Electron could not be built; see the messages above.');
  process.exit(1);
}

const env = { ...process.env, LOOPBAANDIALOOG_NATIVE_BINDING: nativeBinding };
// Inherited from some shells or tools, it would make Electron behave as plain Node.
delete env.ELECTRON_RUN_AS_NODE;

const child = spawn(binary, [repoRoot, ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
