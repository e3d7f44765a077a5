import { describe, expect, it } from 'vitest';
import { serveHost } from '../../../../electron/core/host/hostServer';
import type { FromHost, ParentPort } from '../../../../electron/core/host/protocol';
import type { EngineChild } from '../../../../electron/core/transcription/engineProcess';
import { MainEngineLauncher } from '../../../../electron/core/transcription/mainEngineLauncher';

/**
 * The host's side of an engine main starts (ADR 0022): main's answers arrive on the host's
 * parentPort, are checked against ToHost by serveHost, and reach the launcher with the port
 * Electron transferred alongside (never inside the data).
 */
class FakePort {
  readonly sent: unknown[] = [];
  readonly listeners: Array<(event: { data: unknown }) => void> = [];
  started = false;
  closed = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  on(_event: 'message', listener: (event: { data: unknown }) => void): this {
    this.listeners.push(listener);
    return this;
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
}

function hostWithLauncher() {
  const posted: FromHost[] = [];
  let deliver: (message: unknown, ports: readonly unknown[]) => void = () => undefined;
  const parent: ParentPort = {
    post: (message) => posted.push(message),
    onMessage: (listener) => {
      deliver = listener;
    },
  };
  const launcher = new MainEngineLauncher((message) => parent.post(message));
  serveHost(parent, { engineSpawner: () => launcher.launch(), engineReplies: launcher });
  return { launcher, posted, fromMain: (message: unknown, ports: unknown[] = []) => deliver(message, ports) };
}

const settled = async (promise: Promise<unknown>): Promise<unknown> =>
  Promise.race([promise.then((value) => ({ value }), (error: { code?: string }) => ({ error: error.code })), new Promise((r) => setTimeout(() => r('pending'), 50))]);

describe('the host asks main for an engine and talks over the transferred port', () => {
  it('resolves with an engine child on that port: messages both ways, exit as main reports it', async () => {
    const { launcher, posted, fromMain } = hostWithLauncher();
    const launched = launcher.launch();
    expect(posted).toEqual([{ kind: 'engineOpen', id: 0 }]);
    // Not in the protocol (a negative pid): refused by ToHost, the launch still waits.
    const port = new FakePort();
    fromMain({ kind: 'engineOpened', id: 0, pid: -5 }, [port]);
    expect(await settled(launched)).toBe('pending');
    fromMain({ kind: 'engineOpened', id: 0, pid: 321 }, [port]);
    const child = (await launched) as EngineChild;
    expect(child.pid).toBe(321);
    expect(port.started).toBe(true);

    const heard: unknown[] = [];
    child.onMessage((message) => heard.push(message));
    port.listeners[0]!({ data: { kind: 'heartbeat', rssBytes: 1 } });
    expect(heard).toEqual([{ kind: 'heartbeat', rssBytes: 1 }]);
    child.post({ kind: 'run' });
    expect(port.sent).toEqual([{ kind: 'run' }]);

    // kill goes to main, which owns the process.
    child.kill();
    expect(posted.at(-1)).toEqual({ kind: 'engineKill', id: 0 });
    const exits: Array<number | null> = [];
    child.onExit((code) => exits.push(code));
    fromMain({ kind: 'engineExited', id: 0, code: null });
    expect(exits).toEqual([null]);
    expect(port.closed).toBe(true);
    // After the exit nothing more goes out, and a late listener hears the exit at once.
    child.post({ kind: 'stop' });
    child.kill();
    expect(port.sent).toEqual([{ kind: 'run' }]);
    expect(posted.filter((m) => m.kind === 'engineKill')).toHaveLength(1);
    child.onExit((code) => exits.push(code));
    expect(exits).toEqual([null, null]);
  });

  it('fails the launch when main refuses or sends no port, and has main end what it started', async () => {
    const { launcher, posted, fromMain } = hostWithLauncher();
    const refused = launcher.launch();
    fromMain({ kind: 'engineRefused', id: 0, reason: 'busy' });
    expect(await settled(refused)).toEqual({ error: 'TRANSCRIPTION_FAILED' });

    const portless = launcher.launch();
    fromMain({ kind: 'engineOpened', id: 1, pid: 9 }, []);
    expect(await settled(portless)).toEqual({ error: 'TRANSCRIPTION_FAILED' });
    expect(posted.at(-1)).toEqual({ kind: 'engineKill', id: 1 });

    const notAPort = launcher.launch();
    fromMain({ kind: 'engineOpened', id: 2 }, [{ postMessage: 'no' }]);
    expect(await settled(notAPort)).toEqual({ error: 'TRANSCRIPTION_FAILED' });
    // An answer for a launch nobody made is ignored.
    fromMain({ kind: 'engineOpened', id: 77 }, [new FakePort()]);
    expect(posted.filter((m) => m.kind === 'engineKill')).toEqual([{ kind: 'engineKill', id: 1 }, { kind: 'engineKill', id: 2 }]);
  });
});
