import { type Channel, isChannel } from '../../../shared/contract';
import { AppError, type Result } from '../../../shared/errors';
import { type BackendEvent, parseEvent } from '../../../shared/events';
import type { FolderPicker } from '../backup/folderPicker';
import type { SaveTarget } from '../export/saveTarget';
import { logEvent } from '../log';
import type { DeviceKeyProtector } from '../vault/deviceProtector';
import { FromHost, type HostCall, type HostConfig, type HostProcess, type ToHost } from './protocol';

/** The host's side as an engine broker answers it: messages, and messages carrying a port. */
export interface EngineHostSide {
  post(message: ToHost): void;
  postWithPort(message: ToHost, port: unknown): void;
}

/**
 * Starts transcription engine processes the host asks for (Electron main, ADR 0022): a host in a
 * utility process cannot start one itself.
 */
export interface EngineBroker {
  open(id: number, host: EngineHostSide): void;
  kill(id: number): void;
  /** The host ended: every engine it asked for ends too. */
  hostGone(): void;
}

/** What stays in the parent process and the host asks for by message. */
export interface HostServices {
  saveTarget: SaveTarget;
  folderPicker: FolderPicker;
  /** Picks one file to read (a backup to restore); null when the mentor cancelled. */
  openFile?: { choose(kind: string): Promise<string | null> };
  device?: DeviceKeyProtector | undefined;
}

export interface HostClientOptions {
  spawn: () => HostProcess;
  config: HostConfig;
  services: HostServices;
  onEvent: (event: BackendEvent) => void;
  /** Milliseconds a request may take before it is answered HOST_TIMEOUT; see `defaultDeadline`. */
  deadlineMs?: (channel: Channel) => number;
  /** Starts engine processes for the host (main); without one the host is told `unsupported`. */
  engines?: EngineBroker;
}

/**
 * Channels that may legitimately run for minutes: passphrase KDFs, migrations at unlock, exports,
 * backups and restores, transcript parsing, erasure. Everything else must answer within seconds;
 * a host that does not is wedged and is replaced.
 */
const LONG_CHANNEL = /^(vault:|backups:|export:|exchange:|transcripts:|handover:|erasure:|models:|audio:|students:erase|firstRun:removeExample|firstRun:saveRecoveryKey)/;
export const SHORT_DEADLINE_MS = 20_000;
export const LONG_DEADLINE_MS = 15 * 60_000;

export function defaultDeadline(channel: Channel): number {
  return LONG_CHANNEL.test(channel) && channel !== 'vault:status' ? LONG_DEADLINE_MS : SHORT_DEADLINE_MS;
}

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: NodeJS.Timeout;
}

/**
 * The parent's side of the backend host (the Electron main process, or the test harness): it
 * starts the host on first use, forwards requests with a deadline each, answers the host's
 * calls for dialogs and the keychain, and checks every message the host sends before using it.
 * When the host dies, every open request is answered HOST_DOWN, the renderer hears `host:down`
 * (its vault is gone with the process, so it is locked), and the next request starts a new host.
 */
export class HostClient {
  private host: HostProcess | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private closing = false;
  private readonly deadline: (channel: Channel) => number;

  constructor(private readonly options: HostClientOptions) {
    this.deadline = options.deadlineMs ?? defaultDeadline;
  }

  /** Same shape as Backend.dispatch, so the IPC wiring and the harness need not know which is behind. */
  async dispatch(channel: unknown, request: unknown): Promise<Result<unknown>> {
    // The host checks the request against the contract (it names the failing field); the
    // forwarder only refuses what is not a channel at all, so a big save is not parsed twice here.
    if (!isChannel(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL' } };
    if (this.closing) return { ok: false, error: { code: 'HOST_DOWN' } };
    try {
      await this.ensureStarted();
    } catch {
      return { ok: false, error: { code: 'HOST_DOWN' } };
    }
    const host = this.host;
    if (!host) return { ok: false, error: { code: 'HOST_DOWN' } };
    const id = this.nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        logEvent('host.request_timeout', { channel });
        resolve({ ok: false, error: { code: 'HOST_TIMEOUT' } });
        // A host that misses a deadline is wedged: replace it rather than queue behind it.
        this.killHost();
      }, this.deadline(channel));
      this.pending.set(id, { resolve, timer });
      this.post({ kind: 'request', id, channel, request: request ?? {} });
    });
  }

  /** Whether a host process is running now (tests). */
  get running(): boolean {
    return this.host !== null;
  }

  /** Ends the host the hard way (tests that prove nothing acknowledged is lost). */
  killHost(): void {
    this.host?.kill();
  }

  /** Test-only actions; the built host ignores them. */
  test(action: 'lock' | 'checkIdle'): void {
    this.post({ kind: 'test', action });
  }

  /** Locks the vault and ends the host; resolves when it is gone (or after a grace period). */
  async close(graceMs = 5_000): Promise<void> {
    this.closing = true;
    const host = this.host;
    if (!host) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        host.kill();
        resolve();
      }, graceMs);
      host.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      host.post({ kind: 'shutdown' });
    });
  }

  private post(message: ToHost): void {
    this.host?.post(message);
  }

  private ensureStarted(): Promise<void> {
    if (this.ready) return this.ready;
    const host = this.options.spawn();
    this.host = host;
    this.ready = new Promise<void>((resolve, reject) => {
      host.onMessage((raw) => this.receive(host, raw, resolve));
      host.onExit((code) => {
        reject(new AppError('HOST_DOWN'));
        this.onHostExit(host, code);
      });
    });
    host.post({ kind: 'init', config: this.options.config });
    return this.ready;
  }

  private onHostExit(host: HostProcess, code: number | null): void {
    // Its engines talked only to it; none may outlive it with audio in memory.
    this.options.engines?.hostGone();
    if (this.host !== host) return;
    this.host = null;
    this.ready = null;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, error: { code: 'HOST_DOWN' } });
      this.pending.delete(id);
    }
    if (this.closing) return;
    logEvent('host.exited', { code: code ?? -1 });
    this.options.onEvent({ name: 'host:down', payload: {} });
  }

  private receive(host: HostProcess, raw: unknown, onReady: () => void): void {
    if (this.host !== host) return;
    const parsed = FromHost.safeParse(raw);
    if (!parsed.success) {
      // A malformed answer is not passed on; the request it belonged to then meets its deadline.
      logEvent('host.malformed_message');
      const id = (raw as { id?: unknown } | null)?.id;
      if ((raw as { kind?: unknown } | null)?.kind === 'response' && typeof id === 'number') {
        this.settle(id, { ok: false, error: { code: 'INTERNAL' } });
      }
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'ready':
        onReady();
        return;
      case 'response':
        this.settle(message.id, message.result as Result<unknown>);
        return;
      case 'event': {
        const event = parseEvent(message.event);
        if (event) this.options.onEvent(event);
        else logEvent('host.malformed_event');
        return;
      }
      case 'call':
        void this.answerCall(message.id, message.method, message.args);
        return;
      case 'closed':
        return;
      case 'engineOpen': {
        const postWithPort = host.postWithPort?.bind(host);
        if (!this.options.engines || !postWithPort) {
          host.post({ kind: 'engineRefused', id: message.id, reason: 'unsupported' });
          return;
        }
        this.options.engines.open(message.id, { post: (reply) => host.post(reply), postWithPort });
        return;
      }
      case 'engineKill':
        this.options.engines?.kill(message.id);
        return;
    }
  }

  private settle(id: number, result: Result<unknown>): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(result);
  }

  private async answerCall(id: number, method: HostCall, args: unknown[]): Promise<void> {
    try {
      const value = await this.call(method, args);
      this.post({ kind: 'callResult', id, result: { ok: true, value } });
    } catch (error) {
      const payload = error instanceof AppError ? error.toPayload() : { code: 'INTERNAL' as const };
      this.post({ kind: 'callResult', id, result: { ok: false, error: payload } });
    }
  }

  private async call(method: HostCall, args: unknown[]): Promise<unknown> {
    const { services } = this.options;
    const text = (value: unknown): string => {
      if (typeof value !== 'string' || value.length > 255) throw new AppError('VALIDATION', { field: 'args' });
      return value;
    };
    const bytes = (value: unknown): Buffer => {
      if (!(value instanceof Uint8Array) || value.byteLength > 4096) throw new AppError('VALIDATION', { field: 'args' });
      return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    };
    switch (method) {
      case 'saveTarget.choose':
        return services.saveTarget.choose(text(args[0]));
      case 'folderPicker.chooseFolder':
        return services.folderPicker.chooseFolder();
      case 'openFile.choose':
        if (!services.openFile) throw new AppError('NOT_FOUND');
        return services.openFile.choose(text(args[0]));
      case 'device.encrypt':
      case 'device.decrypt': {
        const device = services.device;
        if (!device?.isAvailable()) throw new AppError('DEVICE_UNLOCK_UNAVAILABLE');
        const input = bytes(args[0]);
        const out = method === 'device.encrypt' ? await device.encrypt(input) : await device.decrypt(input);
        // The message to the host carries a copy; this process keeps no data key from either call
        // (encrypt's input and decrypt's output are the key).
        const reply = new Uint8Array(out);
        if (method === 'device.encrypt') input.fill(0);
        else out.fill(0);
        return reply;
      }
    }
  }
}
