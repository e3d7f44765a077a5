import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { Backend, type BackendOptions } from '../../../electron/core/backend';
import { setLogSink } from '../../../electron/core/log';
import type { DeviceKeyProtector } from '../../../electron/core/vault/deviceProtector';
import { type FileOps, nodeFileOps } from '../../../electron/core/vault/fileOps';
import { admitScryptParams, type ScryptParams } from '../../../electron/core/vault/keyWrap';
import { Vault, type VaultOptions } from '../../../electron/core/vault/vault';
import type { Api } from '../../../shared/api';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { clientFor } from '../../harness/clientFor';
import { tempDir } from './tempDir';

/** Low scrypt cost for tests; one test uses the real default to prove it works. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
// Below the bounds a file may ask for (keyWrap.SCRYPT_LIMITS), so admitted here, explicitly:
// tests that wrap and unwrap without a Vault read their own cheap wraps back.
admitScryptParams(TEST_SCRYPT);

/** Strong enough for the passphrase estimator (score 4 in nl and en). */
export const PASSPHRASE = 'paarse olifant danst op de dijk';
export const OTHER_PASSPHRASE = 'correct horse battery staple';
export const THIRD_PASSPHRASE = 'groene kikker zwemt in de gracht';

/** A clock that only moves when told to. */
export class FakeClock {
  constructor(public ms = Date.UTC(2025, 8, 1, 8, 30)) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

const open: { lock(): void }[] = [];
/** Log lines written by the core during the current test. */
export const logLines: string[] = [];
setLogSink((line) => logLines.push(line));

afterEach(() => {
  // Close databases before the temp folders go: tempDir's hook was registered first, and vitest
  // runs afterEach hooks in reverse order of registration.
  for (const item of open.splice(0)) item.lock();
  logLines.length = 0;
});

type Overrides = Partial<BackendOptions>;

function options(overrides: Overrides): BackendOptions {
  return { dataDir: overrides.dataDir ?? tempDir(), appVersion: '0.0.0-test', scryptParams: TEST_SCRYPT, ...overrides };
}

/** A Vault on a fresh temp folder, cheap scrypt, fake clock (unless overridden). */
export function makeVault({ clock = new FakeClock(), ...overrides }: Overrides & { clock?: FakeClock } = {}): { vault: Vault; dir: string; clock: FakeClock } {
  const opts = options({ now: clock.now, ...overrides });
  const vault = new Vault(opts as VaultOptions);
  open.push(vault);
  return { vault, dir: opts.dataDir, clock };
}

/** A Backend on a fresh temp folder, cheap scrypt, fake clock, responses checked against the contract. */
export function makeBackend({ clock = new FakeClock(), ...overrides }: Overrides & { clock?: FakeClock } = {}): { backend: Backend; api: Api; dir: string; clock: FakeClock } {
  const opts = options({ now: clock.now, validateResponses: true, ...overrides });
  const backend = new Backend(opts);
  open.push({ lock: () => backend.close() });
  const api = clientFor(backend);
  return { backend, api, dir: opts.dataDir, clock };
}

/** A backend with a vault already created and unlocked. */
export async function makeUnlockedBackend(overrides: Overrides & { clock?: FakeClock } = {}) {
  const made = makeBackend(overrides);
  const { recoveryKey } = await made.api.vault.create({ passphrase: PASSPHRASE });
  return { ...made, recoveryKey };
}

/** Awaits a promise that must reject with an AppError of the given code; returns the error. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => { throw new Error(`expected AppError ${code}, but it resolved`); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** name → sha256 of every file in a folder (not recursive), for "left untouched" checks. */
export function hashFolder(dir: string, except: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (except.includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = sha256(readFileSync(path));
  }
  return out;
}

/** Files in a folder whose raw bytes contain the needle (as UTF-8 or UTF-16LE). */
export function filesContaining(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  return readdirSync(dir).filter((name) => {
    const path = join(dir, name);
    if (!statSync(path).isFile()) return false;
    const bytes = readFileSync(path);
    return forms.some((form) => bytes.includes(form));
  });
}

/** A stand-in for Electron safeStorage: reversible, and refuses foreign ciphertext. */
export class FakeDeviceProtector implements DeviceKeyProtector {
  private static readonly MAGIC = Buffer.from('fake-os-v1:');
  constructor(public available = true) {}
  isAvailable(): boolean {
    return this.available;
  }
  encrypt(data: Buffer): Buffer {
    return Buffer.concat([FakeDeviceProtector.MAGIC, Buffer.from(data.map((b) => b ^ 0x5a))]);
  }
  decrypt(data: Buffer): Buffer {
    if (!data.subarray(0, FakeDeviceProtector.MAGIC.length).equals(FakeDeviceProtector.MAGIC)) throw new Error('not mine');
    return Buffer.from(data.subarray(FakeDeviceProtector.MAGIC.length).map((b) => b ^ 0x5a));
  }
}

export type FaultRule = (op: keyof FileOps, path: string) => NodeJS.ErrnoException | undefined;

/** Real file operations, except that a rule may make any call fail with an OS error (switchable). */
export function faultyFileOps(): { ops: FileOps; failWith(rule: FaultRule | null): void; calls: { op: keyof FileOps; path: string }[] } {
  let rule: FaultRule | null = null;
  const calls: { op: keyof FileOps; path: string }[] = [];
  const wrap = <K extends keyof FileOps>(op: K) =>
    (async (path: string, ...rest: unknown[]) => {
      calls.push({ op, path });
      const error = rule?.(op, path);
      if (error) throw error;
      return (nodeFileOps[op] as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as FileOps[K];
  const ops: FileOps = {
    readFile: wrap('readFile'), writeFile: wrap('writeFile'), writeFileFrom: wrap('writeFileFrom'), fsyncFile: wrap('fsyncFile'), rename: wrap('rename'),
    unlink: wrap('unlink'), mkdir: wrap('mkdir'), exists: wrap('exists'),
  };
  return { ops, failWith: (next) => { rule = next; }, calls };
}

export function osError(code: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: simulated`) as NodeJS.ErrnoException;
  error.code = code;
  return error;
}
