import { z } from 'zod';
import { ERROR_CODES } from '../../../shared/errors';

/**
 * The messages between the process that owns the windows (Electron main, or the test harness)
 * and the backend host. Both sides parse every message they receive with these schemas, so a
 * host that answers garbage is treated like a renderer that sends garbage: refused, not trusted.
 */

const ScryptParams = z.object({
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
}).strict();

export const HostConfig = z.object({
  dataDir: z.string().min(1),
  appVersion: z.string().min(1),
  nativeBinding: z.string().min(1).optional(),
  /** Whether the OS keychain in the main process protects keys (safeStorage, not basic_text). */
  deviceAvailable: z.boolean(),
  validateResponses: z.boolean().optional(),
  /** Tests only: a cheaper passphrase KDF. The built host ignores it. */
  scryptParams: ScryptParams.optional(),
  /** Tests only: a module whose default export adds Backend options. The built host ignores it. */
  testHooks: z.string().min(1).optional(),
  /** Tests only: the school policy file to read instead of the OS's machine-wide one. The built host ignores it. */
  policyFile: z.string().min(1).max(4096).optional(),
}).strict();
export type HostConfig = z.infer<typeof HostConfig>;

const ErrorPayload = z.object({
  code: z.enum(ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
}).strict();

/** The envelope only: the value's own schema is checked by the backend (and in tests, again). */
export const ResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: ErrorPayload }).strict(),
]);

/** What the host may ask of the main process: dialogs and the OS keychain live there. */
export const HOST_CALLS = ['saveTarget.choose', 'folderPicker.chooseFolder', 'openFile.choose', 'device.encrypt', 'device.decrypt'] as const;
export type HostCall = (typeof HOST_CALLS)[number];

const RequestId = z.number().int().nonnegative();

export const ToHost = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('init'), config: HostConfig }).strict(),
  z.object({ kind: z.literal('request'), id: RequestId, channel: z.string().max(100), request: z.unknown() }).strict(),
  z.object({ kind: z.literal('callResult'), id: RequestId, result: ResultEnvelope }).strict(),
  z.object({ kind: z.literal('shutdown') }).strict(),
  /** Tests only (honoured only when the host runs from sources with test hooks). */
  z.object({ kind: z.literal('test'), action: z.enum(['lock', 'checkIdle']) }).strict(),
  /**
   * The engine process main started for the host's `engineOpen` (ADR 0022): the host's end of
   * its MessageChannelMain travels in the message's transfer list, never in the data.
   */
  z.object({ kind: z.literal('engineOpened'), id: RequestId, pid: z.number().int().positive().optional() }).strict(),
  /** busy: one is running already (main starts one at a time); failed: it did not start. */
  z.object({ kind: z.literal('engineRefused'), id: RequestId, reason: z.enum(['busy', 'failed', 'unsupported']) }).strict(),
  z.object({ kind: z.literal('engineExited'), id: RequestId, code: z.number().int().nullable() }).strict(),
]);
export type ToHost = z.infer<typeof ToHost>;

export const FromHost = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }).strict(),
  z.object({ kind: z.literal('response'), id: RequestId, result: ResultEnvelope }).strict(),
  z.object({ kind: z.literal('event'), event: z.object({ name: z.string(), payload: z.unknown() }).strict() }).strict(),
  z.object({ kind: z.literal('call'), id: RequestId, method: z.enum(HOST_CALLS), args: z.array(z.unknown()).max(4) }).strict(),
  z.object({ kind: z.literal('closed') }).strict(),
  /** The host needs a transcription engine process (it cannot start one itself in the app). */
  z.object({ kind: z.literal('engineOpen'), id: RequestId }).strict(),
  /** Cancel or deadline passed its grace period, or the engine misbehaved: main ends it hard. */
  z.object({ kind: z.literal('engineKill'), id: RequestId }).strict(),
]);
export type FromHost = z.infer<typeof FromHost>;
export type EngineReply = Extract<ToHost, { kind: 'engineOpened' | 'engineRefused' | 'engineExited' }>;

/** One end of the channel as the host sees it (utilityProcess parentPort, or a forked child's IPC). */
export interface ParentPort {
  post(message: FromHost): void;
  /** `ports`: the MessagePorts transferred with the message (a utility process's parentPort only). */
  onMessage(listener: (message: unknown, ports: readonly unknown[]) => void): void;
}

/** The host as its parent sees it. */
export interface HostProcess {
  post(message: ToHost): void;
  /** Posts with one MessagePort in the transfer list; only a utility-process host has it. */
  postWithPort?(message: ToHost, port: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}
