import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { HostClient } from '../../../electron/core/host/hostClient';
import { type FromHost, type HostProcess, ToHost } from '../../../electron/core/host/protocol';
import { oneEngineAtATime, processEngine } from '../../../electron/core/transcription/engineProcess';
import { FromMain } from '../../../electron/core/transcription/engineProtocol';
import { type EngineRun, serveEngine } from '../../../electron/core/transcription/engineServer';
import { MainEngineLauncher } from '../../../electron/core/transcription/mainEngineLauncher';
import { createEngineBroker } from '../../../electron/main/utilityEngine';

/**
 * Electron main starts whisper.cpp's process for the backend host (ADR 0022): the host is a
 * utility process that cannot fork. These run main's real wiring (HostClient with the engine
 * broker) against a fake utilityProcess and a fake MessageChannelMain (Node's MessageChannel
 * behind MessagePortMain's shape), and then the whole chain host launcher -> main -> engine.
 */

/** MessagePortMain's shape over a Node MessagePort: `message` events carry `{ data }`. */
class FakePortMain {
  constructor(readonly port: MessagePort) {}
  postMessage(message: unknown): void {
    this.port.postMessage(message);
  }
  on(event: 'message' | 'close', listener: (event: { data: unknown }) => void): this {
    if (event === 'message') this.port.on('message', (data: unknown) => listener({ data }));
    else this.port.on('close', listener as () => void);
    return this;
  }
  start(): void {
    this.port.start();
  }
  close(): void {
    this.port.close();
  }
}

const channels: Array<{ port1: FakePortMain; port2: FakePortMain }> = [];
function createChannel(): { port1: FakePortMain; port2: FakePortMain } {
  const { port1, port2 } = new MessageChannel();
  const channel = { port1: new FakePortMain(port1), port2: new FakePortMain(port2) };
  channels.push(channel);
  return channel;
}
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

class FakeUtilityChild extends EventEmitter {
  readonly sent: Array<{ message: unknown; transfer: unknown[] | undefined }> = [];
  kills = 0;
  constructor(readonly pid: number) {
    super();
  }
  postMessage(message: unknown, transfer?: unknown[]): void {
    this.sent.push({ message, transfer });
    this.emit('fromMain', message, transfer ?? []);
  }
  kill(): boolean {
    this.kills++;
    return true;
  }
}

function fakeUtilityProcess() {
  const forks: Array<{ modulePath: string; args: string[] | undefined; options: unknown; child: FakeUtilityChild }> = [];
  let nextPid = 4242;
  return {
    forks,
    module: {
      fork(modulePath: string, args?: string[], options?: unknown) {
        const child = new FakeUtilityChild(nextPid++);
        forks.push({ modulePath, args, options, child });
        return child;
      },
    },
  };
}

/** The host process as main's HostClient sees it; `send` plays the host talking to main. */
function fakeHost(options: { withPorts?: boolean } = {}) {
  const toHost: Array<{ message: ToHost; port?: unknown }> = [];
  let listener: (message: unknown) => void = () => undefined;
  const exitListeners: Array<(code: number | null) => void> = [];
  const received: Array<(message: ToHost, port?: unknown) => void> = [];
  const deliver = (message: ToHost, port?: unknown): void => {
    toHost.push({ message, ...(port ? { port } : {}) });
    for (const handler of received) handler(message, port);
    // Enough of a host for HostClient to start it and have a request answered.
    if (message.kind === 'init') queueMicrotask(() => listener({ kind: 'ready' }));
    if (message.kind === 'request') queueMicrotask(() => listener({ kind: 'response', id: message.id, result: { ok: true, value: {} } }));
  };
  const process: HostProcess = {
    post: (message) => deliver(message),
    ...(options.withPorts === false ? {} : { postWithPort: (message: ToHost, port: unknown) => deliver(message, port) }),
    onMessage: (l) => {
      listener = l;
    },
    onExit: (l) => {
      exitListeners.push(l);
    },
    kill: () => undefined,
  };
  return {
    process,
    toHost,
    engineReplies: () => toHost.filter((t) => t.message.kind.startsWith('engine')),
    send: (message: unknown) => listener(message),
    exit: (code: number | null) => {
      for (const l of exitListeners.splice(0)) l(code);
    },
    onReceived: (handler: (message: ToHost, port?: unknown) => void) => received.push(handler),
  };
}

function client(host: ReturnType<typeof fakeHost>, utility: ReturnType<typeof fakeUtilityProcess>, killed: number[], killPid?: (pid: number) => void) {
  return new HostClient({
    spawn: () => host.process,
    config: { dataDir: '/nonexistent', appVersion: '0.0.0-test', deviceAvailable: false },
    services: { saveTarget: { choose: async () => null }, folderPicker: { chooseFolder: async () => null } },
    onEvent: () => undefined,
    engines: createEngineBroker({
      utilityProcess: utility.module,
      createChannel,
      engineEntry: '/app/dist/electron/engine.cjs',
      killPid: killPid ?? ((pid) => killed.push(pid)),
    }),
  });
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('main starts the engine for the host (utilityProcess + MessageChannelMain)', () => {
  it('forks the engine entry when the host asks, and transfers one end of one channel to each', async () => {
    const utility = fakeUtilityProcess();
    const host = fakeHost();
    const killed: number[] = [];
    const main = client(host, utility, killed);
    await main.dispatch('vault:status', {});
    expect(utility.forks).toHaveLength(0);

    host.send({ kind: 'engineOpen', id: 7 });
    expect(utility.forks).toHaveLength(1);
    const { modulePath, options, child } = utility.forks[0]!;
    expect(modulePath).toBe('/app/dist/electron/engine.cjs');
    // Nothing whisper.cpp prints may reach a log.
    expect(options).toMatchObject({ stdio: 'ignore' });
    // The ports go out once the process has started, with its pid for the host's memory watch.
    expect(child.sent).toEqual([]);
    expect(host.engineReplies()).toEqual([]);
    child.emit('spawn');
    const channel = channels[0]!;
    expect(child.sent).toEqual([{ message: { kind: 'port' }, transfer: [channel.port1] }]);
    expect(FromMain.safeParse(child.sent[0]!.message).success).toBe(true);
    expect(host.engineReplies()).toEqual([{ message: { kind: 'engineOpened', id: 7, pid: 4242 }, port: channel.port2 }]);
    // The two ends are one channel: what the host posts on its end, the engine reads on its own.
    const arrived = new Promise<unknown>((resolve) => channel.port1.on('message', (event) => resolve(event.data)));
    (host.engineReplies()[0]!.port as FakePortMain).postMessage({ kind: 'run' });
    expect(await arrived).toEqual({ kind: 'run' });
    await main.close(50);
  });

  it('refuses a second engine while one lives, and starts a fresh one after it exited', async () => {
    const utility = fakeUtilityProcess();
    const host = fakeHost();
    const killed: number[] = [];
    const main = client(host, utility, killed);
    await main.dispatch('vault:status', {});
    host.send({ kind: 'engineOpen', id: 1 });
    utility.forks[0]!.child.emit('spawn');
    host.send({ kind: 'engineOpen', id: 2 });
    expect(utility.forks).toHaveLength(1);
    expect(host.engineReplies().map((t) => t.message)).toEqual([
      { kind: 'engineOpened', id: 1, pid: 4242 },
      { kind: 'engineRefused', id: 2, reason: 'busy' },
    ]);

    // engineKill ends it hard, by pid; its exit is reported to the host.
    host.send({ kind: 'engineKill', id: 2 });
    expect(killed).toEqual([]);
    host.send({ kind: 'engineKill', id: 1 });
    expect(killed).toEqual([4242]);
    utility.forks[0]!.child.emit('exit', 0);
    expect(host.engineReplies().at(-1)!.message).toEqual({ kind: 'engineExited', id: 1, code: 0 });

    host.send({ kind: 'engineOpen', id: 3 });
    expect(utility.forks).toHaveLength(2);
    utility.forks[1]!.child.emit('spawn');
    expect(host.engineReplies().at(-1)!.message).toEqual({ kind: 'engineOpened', id: 3, pid: 4243 });

    // The host dies: its engine, holding the audio, dies with it.
    host.exit(1);
    expect(killed).toEqual([4242, 4243]);
    await main.close(50);
  });

  it('answers failed for an engine that ends before it started, unsupported without ports, and ignores a malformed request', async () => {
    const utility = fakeUtilityProcess();
    const host = fakeHost();
    const main = client(host, utility, []);
    await main.dispatch('vault:status', {});
    host.send({ kind: 'engineOpen', id: -1 });
    host.send({ kind: 'engineOpen', id: 1, model: '/x.bin' });
    expect(utility.forks).toHaveLength(0);
    host.send({ kind: 'engineOpen', id: 4 });
    utility.forks[0]!.child.emit('exit', 9);
    expect(host.engineReplies().map((t) => t.message)).toEqual([{ kind: 'engineRefused', id: 4, reason: 'failed' }]);
    // The slot is free again.
    host.send({ kind: 'engineOpen', id: 5 });
    expect(utility.forks).toHaveLength(2);
    await main.close(50);

    const portless = fakeHost({ withPorts: false });
    const other = fakeUtilityProcess();
    const plain = client(portless, other, []);
    await plain.dispatch('vault:status', {});
    portless.send({ kind: 'engineOpen', id: 0 });
    expect(other.forks).toHaveLength(0);
    expect(portless.engineReplies().map((t) => t.message)).toEqual([{ kind: 'engineRefused', id: 0, reason: 'unsupported' }]);
    await plain.close(50);
  });
});

describe('host launcher -> main -> engine over the transferred port', () => {
  /**
   * The whole chain with main's real broker and the host's real launcher and engine client; the
   * fake utility process runs the engine's real server on the port main hands it, with `runs`
   * in place of whisper.cpp (the real one runs in engineCrash.test.ts and whisperEngine.test.ts).
   */
  function chain(runs: EngineRun[]) {
    const utility = fakeUtilityProcess();
    const host = fakeHost();
    const killed: number[] = [];
    const children = (): FakeUtilityChild[] => utility.forks.map((f) => f.child);
    const main = client(host, utility, killed, (pid) => {
      killed.push(pid);
      // SIGKILL: the process ends without a word.
      queueMicrotask(() => children().find((c) => c.pid === pid)?.emit('exit', null));
    });
    const launcher = new MainEngineLauncher((message: FromHost) => host.send(message));
    // The host's side: every message from main is checked against ToHost, as serveHost does.
    host.onReceived((message, port) => {
      const parsed = ToHost.parse(message);
      if (parsed.kind === 'engineOpened' || parsed.kind === 'engineRefused' || parsed.kind === 'engineExited') {
        launcher.receive(parsed, port ? [port] : []);
      }
    });
    const originalFork = utility.module.fork;
    utility.module.fork = (modulePath, args, options) => {
      const child = originalFork(modulePath, args, options);
      const run = runs.shift() ?? (() => new Promise(() => undefined));
      child.on('fromMain', (message: unknown, transfer: unknown[]) => {
        if (!FromMain.safeParse(message).success) return;
        const port = transfer[0] as FakePortMain;
        port.start();
        serveEngine({
          post: (m) => port.postMessage(m),
          onMessage: (listener) => port.on('message', (event) => listener(event.data)),
        }, run, (code) => {
          port.close();
          child.emit('exit', code);
        });
      });
      setImmediate(() => child.emit('spawn'));
      return child;
    };
    const engine = processEngine({ spawn: oneEngineAtATime(() => launcher.launch()), threads: 1, stopGraceMs: 200, rssOf: () => null });
    return { engine, main, host, utility, killed, children };
  }

  const OPTIONS = { language: 'nl' as const, modelPath: '/models/tiny.bin' };
  const echo: EngineRun = async (input, onProgress) => {
    onProgress(40);
    let sum = 0;
    for (const sample of input.pcm) sum += sample;
    return [{ startMs: 0, endMs: 1000, text: `${input.language} ${input.pcm.length} ${sum}` }];
  };

  it('transcribes through the engine main started: PCM over the port, progress and segments back', async () => {
    const { engine, main, host, utility } = chain([echo]);
    await main.dispatch('vault:status', {});
    // Over two chunks of 1 MB.
    const pcm = new Int16Array(600_000);
    let sum = 0;
    for (let i = 0; i < pcm.length; i++) {
      pcm[i] = (i % 2000) - 1000;
      sum += pcm[i]!;
    }
    const progress: number[] = [];
    const segments = await engine.transcribe(pcm, OPTIONS, (p) => progress.push(p.percent), new AbortController().signal);
    expect(segments).toEqual([{ startMs: 0, endMs: 1000, text: `nl 600000 ${sum}` }]);
    expect(progress).toEqual([40]);
    expect(utility.forks).toHaveLength(1);
    // The engine exits after its one transcription, and main tells the host.
    await until(() => host.engineReplies().some((t) => t.message.kind === 'engineExited'));
    await main.close(50);
  });

  it('cancels an engine that ignores stop: the host asks main to kill it, and the next job gets a fresh engine', async () => {
    const never: EngineRun = () => new Promise(() => undefined);
    const { engine, main, host, utility, killed } = chain([never, echo, echo]);
    await main.dispatch('vault:status', {});
    const controller = new AbortController();
    const running = engine.transcribe(new Int16Array(16_000), OPTIONS, () => undefined, controller.signal);
    await until(() => host.engineReplies().some((t) => t.message.kind === 'engineOpened'));
    // A second job meanwhile waits for the first engine instead of being refused by main.
    const next = engine.transcribe(new Int16Array(16_000).fill(3), OPTIONS, () => undefined, new AbortController().signal);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'TRANSCRIPTION_CANCELLED' });
    expect(await next).toEqual([{ startMs: 0, endMs: 1000, text: 'nl 16000 48000' }]);
    // Killed after the stop grace, by pid, then a second engine for the second job (which the
    // host ends too once it has the segments: nothing more is wanted of it).
    expect(killed[0]).toBe(4242);
    expect(utility.forks).toHaveLength(2);
    expect(host.engineReplies().some((t) => t.message.kind === 'engineRefused')).toBe(false);
    await main.close(50);
  });

  it('fails the job when main refuses, and when the engine answers outside the protocol', async () => {
    const { engine, main, host } = chain([]);
    await main.dispatch('vault:status', {});
    // Another engine is already running (as a misbehaving host could try): main refuses, the job fails.
    host.send({ kind: 'engineOpen', id: 999 });
    await expect(engine.transcribe(new Int16Array(16_000), OPTIONS, () => undefined, new AbortController().signal))
      .rejects.toMatchObject({ code: 'TRANSCRIPTION_FAILED' });
    await main.close(50);

    const garbage = chain([]);
    await garbage.main.dispatch('vault:status', {});
    garbage.utility.module.fork = ((fork) => (modulePath: string, args?: string[], options?: unknown) => {
      const child = fork(modulePath, args, options);
      child.on('fromMain', (_message: unknown, transfer: unknown[]) => (transfer[0] as FakePortMain).postMessage({ kind: 'segments', text: 'unexpected' }));
      return child;
    })(garbage.utility.module.fork);
    await expect(garbage.engine.transcribe(new Int16Array(16_000), OPTIONS, () => undefined, new AbortController().signal))
      .rejects.toMatchObject({ code: 'TRANSCRIPTION_FAILED' });
    await garbage.main.close(50);
  });
});
