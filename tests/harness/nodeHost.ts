import { fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { HostProcess } from '../../electron/core/host/protocol';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const HOST_ENTRY = join(REPO_ROOT, 'electron/core/host/hostEntry.ts');

/**
 * Starts the backend host as a forked Node child running the same entry the app starts as an
 * Electron utility process, so tests, the harness and the tour cross the real process boundary.
 * `advanced` serialization is the structured clone the utility process uses (Buffers survive).
 */
export function forkNodeHost(): HostProcess {
  const child = fork(HOST_ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      if (child.exitCode !== null || child.signalCode !== null) listener(child.exitCode);
      else child.once('exit', (code) => listener(code));
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}
