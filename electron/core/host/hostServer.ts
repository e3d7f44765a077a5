import { AppError, type ErrorCode, isErrorCode } from '../../../shared/errors';
import { Backend, type BackendOptions } from '../backend';
import { logEvent } from '../log';
import { machinePolicyPath } from '../policy/policyPath';
import type { EngineSpawner } from '../transcription/engineProcess';
import { type EngineReply, type FromHost, type HostCall, type HostConfig, type ParentPort, ToHost } from './protocol';

export interface ServeOptions {
  /** Loads a test-hooks module; only the unbundled host passes one, so the app never does. */
  loadTestHooks?: (path: string) => Promise<Partial<BackendOptions>>;
  /** Called once the host closed its vault after `shutdown`. */
  onClosed?: () => void;
  /** Starts a transcription engine process (ADR 0022): asks main in the app, forks in plain Node. */
  engineSpawner?: EngineSpawner;
  /** Where main's answers to `engineOpen` go, with the port they carry (the app's launcher). */
  engineReplies?: { receive(message: EngineReply, ports: readonly unknown[]): void };
}

/**
 * The backend host's side of the channel: one Backend, built from the `init` message, answering
 * `request` messages with result envelopes and sending its events. Dialogs and the keychain are
 * asked of the parent with `call` messages, because they live in the Electron main process.
 */
export function serveHost(port: ParentPort, options: ServeOptions = {}): void {
  let backend: Backend | null = null;
  let testControls = false;
  let nextCallId = 0;
  const pendingCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: AppError) => void }>();
  // Requests that arrive while `init` is still loading wait for it, in order.
  let starting: Promise<void> | null = null;

  const call = (method: HostCall, ...args: unknown[]): Promise<unknown> => new Promise((resolve, reject) => {
    const id = nextCallId++;
    pendingCalls.set(id, { resolve, reject });
    port.post({ kind: 'call', id, method, args });
  });
  const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
  const bytes = (value: unknown): Buffer => {
    if (!(value instanceof Uint8Array)) throw new AppError('DEVICE_UNLOCK_UNAVAILABLE');
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  };

  const start = async (config: HostConfig): Promise<void> => {
    // Only a host started from sources (tests, harness, tour) has a hook loader; the bundled
    // host in the app ignores test hooks, test actions and a cheaper KDF, whatever it is sent.
    testControls = Boolean(options.loadTestHooks);
    const hooks = config.testHooks && options.loadTestHooks ? await options.loadTestHooks(config.testHooks) : {};
    const backendOptions: BackendOptions = {
      dataDir: config.dataDir,
      appVersion: config.appVersion,
      nativeBinding: config.nativeBinding,
      validateResponses: config.validateResponses ?? false,
      saveTarget: { choose: async (name) => stringOrNull(await call('saveTarget.choose', name)) },
      folderPicker: { chooseFolder: async () => stringOrNull(await call('folderPicker.chooseFolder')) },
      openFilePicker: { choose: async (kind) => stringOrNull(await call('openFile.choose', kind)) },
      device: config.deviceAvailable ? {
        isAvailable: () => true,
        encrypt: async (data) => bytes(await call('device.encrypt', new Uint8Array(data))),
        decrypt: async (data) => bytes(await call('device.decrypt', new Uint8Array(data))),
      } : undefined,
      // The school's policy from the machine-wide place; a test host may be pointed at its profile's.
      policyFile: testControls && config.policyFile ? config.policyFile : machinePolicyPath(),
      ...(testControls && config.scryptParams ? { scryptParams: config.scryptParams } : {}),
      ...(options.engineSpawner ? { engineSpawner: options.engineSpawner } : {}),
      ...hooks,
    };
    backend = new Backend(backendOptions);
    backend.onEvent((event) => port.post({ kind: 'event', event }));
    backend.startAutoLock();
  };

  const handle = async (message: ToHost): Promise<void> => {
    switch (message.kind) {
      case 'init':
        if (starting) return;
        starting = start(message.config);
        await starting;
        port.post({ kind: 'ready' });
        return;
      case 'request': {
        if (starting) await starting;
        const result = backend
          ? await backend.dispatch(message.channel, message.request)
          : { ok: false as const, error: { code: 'HOST_DOWN' as const } };
        port.post({ kind: 'response', id: message.id, result } as FromHost);
        return;
      }
      case 'callResult': {
        const pending = pendingCalls.get(message.id);
        if (!pending) return;
        pendingCalls.delete(message.id);
        if (message.result.ok) pending.resolve(message.result.value);
        else pending.reject(new AppError(message.result.error.code, message.result.error.params));
        return;
      }
      case 'shutdown':
        backend?.close();
        port.post({ kind: 'closed' });
        options.onClosed?.();
        return;
      case 'engineOpened':
      case 'engineRefused':
      case 'engineExited':
        // Routed in the message listener, where the transferred port is at hand.
        return;
      case 'test':
        if (!testControls || !backend) return;
        if (message.action === 'lock') {
          backend.vault.lock();
          port.post({ kind: 'event', event: { name: 'vault:locked', payload: { reason: 'idle' } } });
        } else backend.checkIdle();
        return;
    }
  };

  port.onMessage((raw, ports) => {
    const parsed = ToHost.safeParse(raw);
    if (!parsed.success) {
      // A malformed request still gets an answer if it carries an id, so the caller never hangs.
      const id = (raw as { id?: unknown } | null)?.id;
      logEvent('host.malformed_message');
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        port.post({ kind: 'response', id, result: { ok: false, error: { code: 'VALIDATION', params: { field: 'message' } } } });
      }
      return;
    }
    const message = parsed.data;
    if (message.kind === 'engineOpened' || message.kind === 'engineRefused' || message.kind === 'engineExited') {
      options.engineReplies?.receive(message, ports);
      return;
    }
    handle(message).catch((error: unknown) => {
      logEvent('host.message_failed', { kind: parsed.data.kind, code: errorCode(error) });
      if (parsed.data.kind === 'request') {
        port.post({ kind: 'response', id: parsed.data.id, result: { ok: false, error: { code: errorCode(error) } } });
      }
    });
  });
}

function errorCode(error: unknown): ErrorCode {
  const code = error instanceof AppError ? error.code : null;
  return code && isErrorCode(code) ? code : 'INTERNAL';
}
