import { z } from 'zod';
import { LANGUAGES } from './domain';
import { ERROR_CODES } from './errors';

/**
 * Typed events from the backend to the renderer: the other half of the contract. The backend
 * says when something happened (the idle timer locked the vault, a backup finished, a migration
 * moved on) instead of the renderer asking every few seconds. Each payload is validated where it
 * is sent and again where it arrives, like a request.
 */
export const events = {
  /** The vault closed without the renderer asking: idle timer, or the backend host went away. */
  'vault:locked': z.object({ reason: z.enum(['idle', 'host']) }).strict(),
  /** A long migration at unlock; `done`/`total` count rows or steps of the current migration. */
  'vault:migrationProgress': z.object({
    migration: z.number().int().nonnegative(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }).strict(),
  'backup:progress': z.object({ bytesWritten: z.number().int().nonnegative() }).strict(),
  'backup:finished': z.object({ fileName: z.string().min(1).max(255), automatic: z.boolean() }).strict(),
  'backup:failed': z.object({ code: z.enum(ERROR_CODES), automatic: z.boolean() }).strict(),
  /**
   * The settings the Electron main process acts on: the window's content protection and the
   * language of its own dialogs. They live in the vault, so this comes at every unlock and after
   * every settings change; main keeps the last one it saw.
   */
  'settings:changed': z.object({ language: z.enum(LANGUAGES), hideWhileSharing: z.boolean() }).strict(),
  /** A transcription job (issue 17) moved on; `secondsLeft` is null until it can be told. */
  'transcription:progress': z.object({
    jobId: z.string().uuid(),
    percent: z.number().min(0).max(100),
    secondsLeft: z.number().int().nonnegative().nullable(),
  }).strict(),
  /** The job is done; its segments are fetched with `transcription:result` (events carry no text). */
  'transcription:finished': z.object({ jobId: z.string().uuid(), segmentCount: z.number().int().nonnegative() }).strict(),
  'transcription:failed': z.object({ jobId: z.string().uuid(), code: z.enum(ERROR_CODES) }).strict(),
  /** The backend host stopped unexpectedly; the next unlock starts a fresh one. */
  'host:down': z.object({}).strict(),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export type BackendEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** The one IPC channel the Electron main process sends events on (preload listens to it). */
export const EVENT_CHANNEL = 'backend:event';

export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Checks an event that crossed a process boundary; null when it does not match the contract. */
export function parseEvent(message: unknown): BackendEvent | null {
  if (!message || typeof message !== 'object') return null;
  const { name, payload } = message as { name?: unknown; payload?: unknown };
  if (typeof name !== 'string' || !Object.hasOwn(events, name)) return null;
  const parsed = events[name as EventName].safeParse(payload);
  return parsed.success ? ({ name, payload: parsed.data } as BackendEvent) : null;
}
