import { z } from 'zod';
import { LANGUAGES } from './domain';
import {
  Id, Passphrase, RecoveryKeyText, Settings, Student, StudentFields, VaultStatus,
} from './schemas';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/**
 * The one IPC contract: channel → request schema → response schema.
 * Main (and the browser harness) validate every request against it; the preload and the
 * harness build `window.api` from it, so a channel exists on both sides or on neither.
 */
export const contract = {
  'vault:status': { request: empty, response: VaultStatus },
  'vault:create': {
    request: z.object({ passphrase: Passphrase }).strict(),
    response: z.object({ recoveryKey: z.string() }),
  },
  'vault:unlock': { request: z.object({ passphrase: Passphrase }).strict(), response: ok },
  'vault:unlockWithRecoveryKey': {
    request: z.object({ recoveryKey: RecoveryKeyText, newPassphrase: Passphrase }).strict(),
    response: ok,
  },
  'vault:unlockWithDevice': { request: empty, response: ok },
  'vault:setDeviceUnlock': { request: z.object({ enabled: z.boolean() }).strict(), response: ok },
  'vault:changePassphrase': {
    request: z.object({ currentPassphrase: Passphrase, newPassphrase: Passphrase }).strict(),
    response: ok,
  },
  'vault:lock': { request: empty, response: ok },
  'session:activity': { request: empty, response: ok },

  'students:list': {
    request: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    response: z.array(Student),
  },
  'students:get': { request: z.object({ id: Id }).strict(), response: Student },
  'students:create': { request: StudentFields.strict(), response: Student },
  'students:update': {
    request: z.object({ id: Id, fields: StudentFields.strict() }).strict(),
    response: Student,
  },
  'students:archive': { request: z.object({ id: Id }).strict(), response: Student },
  'students:restore': { request: z.object({ id: Id }).strict(), response: Student },

  'settings:get': { request: empty, response: Settings },
  'settings:update': { request: Settings.partial().strict(), response: Settings },
  'settings:setLanguage': {
    request: z.object({ language: z.enum(LANGUAGES) }).strict(),
    response: ok,
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestIn<C extends Channel> = z.input<Contract[C]['request']>;
export type RequestOut<C extends Channel> = z.output<Contract[C]['request']>;
export type Response<C extends Channel> = z.output<Contract[C]['response']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}
