import type { EnginePort, FromEngine } from './engineProtocol';
import { serveEngine } from './engineServer';
import { whisperRun } from './whisperRun';

/**
 * The transcription engine's process entry (ADR 0022). In the app it runs as an Electron
 * utilityProcess that main starts for the host and talks over the port main hands it; from
 * sources (tests, the harness, the tour) the host forks it as a Node child with tsx and talks
 * over the child's IPC channel. Everything after this file is the same code.
 */

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: Array<{ postMessage(m: unknown): void; on(e: 'message', l: (event: { data: unknown }) => void): void; start(): void }> }) => void): void;
}

function enginePort(): Promise<EnginePort> {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    // Main's first message carries the port to the host; everything after goes over it.
    return new Promise((resolve) => {
      electronPort.on('message', (event) => {
        const port = event.ports[0];
        if (!port) return;
        port.start();
        resolve({
          post: (message: FromEngine) => port.postMessage(message),
          onMessage: (listener) => port.on('message', (e) => listener(e.data)),
        });
      });
    });
  }
  if (process.send) {
    const send = process.send.bind(process);
    // A forked child whose parent (the host) went away has nothing left to do.
    process.on('disconnect', () => process.exit(0));
    return Promise.resolve({
      post: (message: FromEngine) => {
        send(message);
      },
      onMessage: (listener) => process.on('message', listener),
    });
  }
  throw new Error('The transcription engine must be started as a utility process or a forked child.');
}

void enginePort().then((port) => serveEngine(port, whisperRun));
