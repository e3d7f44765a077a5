import { pathToFileURL } from 'node:url';
import type { BackendOptions } from '../backend';
import { logEvent } from '../log';
import { MainEngineLauncher } from '../transcription/mainEngineLauncher';
import { serveHost } from './hostServer';
import type { FromHost, ParentPort } from './protocol';

/**
 * The backend host's process entry. In the app it runs as an Electron utilityProcess and talks
 * over `process.parentPort`; in tests, the harness and the tour it runs as a forked Node child
 * and talks over the child's IPC channel. Everything after this file is the same code, but for
 * how the transcription engine starts (ADR 0022): a utility-process host asks main for it, a
 * forked host forks it itself.
 */

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown; ports?: unknown[] }) => void): void;
}

const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;

function parentPort(): ParentPort {
  if (electronPort) {
    return {
      post: (message: FromHost) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data, event.ports ?? [])),
    };
  }
  if (process.send) {
    const send = process.send.bind(process);
    return {
      post: (message: FromHost) => {
        send(message);
      },
      onMessage: (listener) => process.on('message', (message) => listener(message, [])),
    };
  }
  throw new Error('The backend host must be started as a utility process or a forked child.');
}

// Test hooks load only when the host runs from TypeScript sources; the bundled host.cjs that
// ships in the app never loads code named by a message.
const fromSources = import.meta.url.endsWith('.ts');

const port = parentPort();
// Without an engine launcher the backend forks the engine itself, which only a plain Node host can.
const launcher = electronPort ? new MainEngineLauncher((message) => port.post(message)) : null;

serveHost(port, {
  ...(launcher ? { engineSpawner: () => launcher.launch(), engineReplies: launcher } : {}),
  ...(fromSources ? {
    loadTestHooks: async (path: string) => ((await import(pathToFileURL(path).href)) as { default: Partial<BackendOptions> }).default,
  } : {}),
  onClosed: () => setImmediate(() => process.exit(0)),
});

// A forked child whose parent went away must not keep the vault open.
process.on('disconnect', () => {
  logEvent('host.parent_gone');
  process.exit(0);
});
