import { type EnginePort, FromMain, type FromEngine } from './engineProtocol';
import { diarizationRun } from './diarizationRun';
import { serveEngine } from './engineServer';
import { whisperRun } from './whisperRun';

/**
 * The transcription engine's process entry (ADR 0022). In the app Electron main starts it as a
 * utility process for the host: main's first message carries this end of a MessageChannelMain,
 * and host and engine talk over that port. In plain Node (tests, harness, tour) the host forks
 * it and talks over the child's IPC channel. Everything after this file is the same code.
 */

interface PortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  start(): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMainLike[] }) => void): void;
}

function enginePort(): Promise<EnginePort> {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return new Promise((resolve) => {
      let connected = false;
      electronPort.on('message', (event) => {
        const port = event.ports[0];
        // Only main writes here, once; anything else is ignored rather than trusted.
        if (connected || !FromMain.safeParse(event.data).success || event.ports.length !== 1 || !port) return;
        connected = true;
        // The host's end closes when the host goes away: nothing left to transcribe for.
        port.on('close', () => process.exit(0));
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

void enginePort().then((port) => serveEngine(port, whisperRun, undefined, diarizationRun));
