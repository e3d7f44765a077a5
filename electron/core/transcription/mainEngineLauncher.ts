import { AppError } from '../../../shared/errors';
import { logEvent } from '../log';
import type { EngineReply, FromHost } from '../host/protocol';
import type { EngineChild } from './engineProcess';
import type { ToEngine } from './engineProtocol';

/** Structural stand-in for the host's end of Electron's MessageChannelMain (MessagePortMain). */
export interface EnginePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
}

function isPort(value: unknown): value is EnginePortLike {
  const port = value as Partial<EnginePortLike> | null;
  return typeof port?.postMessage === 'function' && typeof port.on === 'function' && typeof port.start === 'function' && typeof port.close === 'function';
}

interface Opening {
  resolve: (child: EngineChild) => void;
  reject: (error: AppError) => void;
}

interface Running {
  exited: { code: number | null } | null;
  exitListeners: Array<(code: number | null, signal: string | null) => void>;
  port: EnginePortLike;
}

/**
 * The engine launcher of a host that runs as an Electron utility process (ADR 0022): such a host
 * cannot fork (process.execPath is Electron, the runAsNode fuse is off), so it asks main with
 * `engineOpen`; main starts engine.cjs as a utility process and hands back one end of a
 * MessageChannelMain, over which host and engine then talk directly. Main also reports the
 * engine's exit and ends it on `engineKill`. Main's replies reach `receive` after the host's
 * ToHost schema has checked them; the engine's own messages are checked by engineProcess.ts.
 */
export class MainEngineLauncher {
  private nextId = 0;
  private readonly opening = new Map<number, Opening>();
  private readonly running = new Map<number, Running>();

  constructor(private readonly post: (message: FromHost) => void) {}

  launch(): Promise<EngineChild> {
    const id = this.nextId++;
    return new Promise<EngineChild>((resolve, reject) => {
      this.opening.set(id, { resolve, reject });
      this.post({ kind: 'engineOpen', id });
    });
  }

  receive(message: EngineReply, ports: readonly unknown[]): void {
    switch (message.kind) {
      case 'engineOpened': {
        const opening = this.opening.get(message.id);
        const port = ports[0];
        if (!opening) return;
        this.opening.delete(message.id);
        if (ports.length !== 1 || !isPort(port)) {
          // Nothing to talk over: main must end what it started.
          logEvent('transcription.engine_no_port');
          this.post({ kind: 'engineKill', id: message.id });
          return opening.reject(new AppError('TRANSCRIPTION_FAILED'));
        }
        opening.resolve(this.child(message.id, message.pid, port));
        return;
      }
      case 'engineRefused': {
        const opening = this.opening.get(message.id);
        if (!opening) return;
        this.opening.delete(message.id);
        logEvent('transcription.engine_refused', { reason: message.reason });
        opening.reject(new AppError('TRANSCRIPTION_FAILED'));
        return;
      }
      case 'engineExited': {
        const running = this.running.get(message.id);
        if (!running || running.exited) return;
        running.exited = { code: message.code };
        this.running.delete(message.id);
        running.port.close();
        for (const listener of running.exitListeners.splice(0)) listener(message.code, null);
        return;
      }
    }
  }

  private child(id: number, pid: number | undefined, port: EnginePortLike): EngineChild {
    const running: Running = { exited: null, exitListeners: [], port };
    this.running.set(id, running);
    const messageListeners: Array<(message: unknown) => void> = [];
    port.on('message', (event) => {
      for (const listener of messageListeners) listener(event.data);
    });
    port.start();
    return {
      pid,
      post: (message: ToEngine) => {
        if (!running.exited) port.postMessage(message);
      },
      onMessage: (listener) => {
        messageListeners.push(listener);
      },
      onExit: (listener) => {
        if (running.exited) listener(running.exited.code, null);
        else running.exitListeners.push(listener);
      },
      kill: () => {
        if (!running.exited) this.post({ kind: 'engineKill', id });
      },
    };
  }
}
