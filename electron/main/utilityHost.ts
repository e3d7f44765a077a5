import type { HostProcess } from '../core/host/protocol';

// Structural stand-ins for Electron's utilityProcess, so this wiring is unit-tested with a fake
// and never imports `electron`.
export interface UtilityProcessLike {
  /** `transfer`: MessagePortMain objects handed over with the message (the engine's channel). */
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'spawn', listener: () => void): unknown;
  readonly pid?: number | undefined;
  kill(): boolean;
}

export interface UtilityProcessModuleLike {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'ignore' }): UtilityProcessLike;
}

/**
 * The backend host as an Electron utility process: a Node process of its own, so SQL, exports
 * and parsing never hold the process that paints and closes windows, and a crash there takes
 * no window with it. Messages are structured clones over the process's own port.
 */
export function spawnUtilityHost(utilityProcess: UtilityProcessModuleLike, hostEntry: string): HostProcess {
  const child = utilityProcess.fork(hostEntry, [], { serviceName: 'Loopbaandialoog backend', stdio: 'inherit' });
  let exited: number | null | undefined;
  const exitListeners: ((code: number | null) => void)[] = [];
  child.on('exit', (code) => {
    exited = code;
    for (const listener of exitListeners.splice(0)) listener(code);
  });
  return {
    post: (message) => {
      if (exited === undefined) child.postMessage(message);
    },
    postWithPort: (message, port) => {
      if (exited === undefined) child.postMessage(message, [port]);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      if (exited !== undefined) listener(exited);
      else exitListeners.push(listener);
    },
    kill: () => {
      child.kill();
    },
  };
}
