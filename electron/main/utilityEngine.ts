import type { EngineBroker, EngineHostSide } from '../core/host/hostClient';
import { logEvent } from '../core/log';
import type { FromMain } from '../core/transcription/engineProtocol';
import type { UtilityProcessLike, UtilityProcessModuleLike } from './utilityHost';

/** Structural stand-ins for Electron's MessageChannelMain, so this is unit-tested without `electron`. */
export interface MessagePortMainLike {
  close(): void;
}
export interface MessageChannelMainLike {
  port1: MessagePortMainLike;
  port2: MessagePortMainLike;
}

export interface EngineBrokerOptions {
  utilityProcess: UtilityProcessModuleLike;
  createChannel: () => MessageChannelMainLike;
  /** The bundled engine entry (engine.cjs beside host.cjs). */
  engineEntry: string;
  /** Ends a process hard by pid; utilityProcess.kill() is only SIGTERM. */
  killPid?: (pid: number) => void;
}

interface Engine {
  id: number;
  child: UtilityProcessLike;
  spawned: boolean;
}

const defaultKillPid = (pid: number): void => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
};

/**
 * Starts whisper.cpp's process for the backend host (ADR 0022). The host is a utility process
 * and cannot start one itself: process.execPath is Electron and the runAsNode fuse is off. On
 * `engineOpen` main forks engine.cjs as a utility process, makes a MessageChannelMain, sends
 * one end to the engine and the other to the host, and stays out of their conversation (the PCM
 * never passes through the process that paints the windows). One engine at a time: a second
 * request while one lives is refused `busy` (the host queues its own, so only a misbehaving
 * host meets that), and the next request after its exit starts a fresh one. Main reports the
 * exit to the host, ends the engine hard on `engineKill`, and ends it with the host.
 */
export function createEngineBroker(options: EngineBrokerOptions): EngineBroker {
  const killPid = options.killPid ?? defaultKillPid;
  let current: Engine | null = null;

  const end = (engine: Engine): void => {
    const pid = engine.child.pid;
    // Hard: a process stuck in a native call does not act on SIGTERM's JS-side handlers.
    if (pid !== undefined) killPid(pid);
    else engine.child.kill();
  };

  return {
    open(id: number, host: EngineHostSide): void {
      if (current) {
        logEvent('engine.refused_busy');
        host.post({ kind: 'engineRefused', id, reason: 'busy' });
        return;
      }
      let child: UtilityProcessLike;
      try {
        // stdio ignored: whisper.cpp prints what it loads, and nothing of it may reach a log.
        child = options.utilityProcess.fork(options.engineEntry, [], { serviceName: 'Loopbaandialoog spraakherkenning', stdio: 'ignore' });
      } catch {
        host.post({ kind: 'engineRefused', id, reason: 'failed' });
        return;
      }
      const engine: Engine = { id, child, spawned: false };
      current = engine;
      const { port1, port2 } = options.createChannel();
      child.on('spawn', () => {
        if (current !== engine || engine.spawned) return;
        engine.spawned = true;
        const handover: FromMain = { kind: 'port' };
        child.postMessage(handover, [port1]);
        // The pid lets the host watch the engine's memory from /proc, as it does a forked one.
        host.postWithPort({ kind: 'engineOpened', id, ...(child.pid ? { pid: child.pid } : {}) }, port2);
      });
      child.on('exit', (code) => {
        if (current === engine) current = null;
        if (!engine.spawned) {
          port1.close();
          port2.close();
          host.post({ kind: 'engineRefused', id, reason: 'failed' });
          return;
        }
        host.post({ kind: 'engineExited', id, code: Number.isInteger(code) ? code : null });
      });
    },
    kill(id: number): void {
      if (current?.id === id) end(current);
    },
    hostGone(): void {
      if (current) end(current);
    },
  };
}
