import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contract, type Channel } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { SaveTarget } from '../core/export/saveTarget';
import { logEvent } from '../core/log';
import type { DispatcherLike } from './ipc';

/** Structural stand-in for Electron's `shell`, so this is unit-tested with fakes and never imports `electron`. */
export interface FileShellLike {
  /** Resolves to '' on success, to an error message otherwise (Electron's own convention). */
  openPath(path: string): Promise<string>;
  showItemInFolder(path: string): void;
}

/** The channels main answers itself: the host never sees a token, and the renderer never a way to name a path. */
export const FILE_CHANNELS = ['files:open', 'files:show'] as const satisfies readonly Channel[];
type FileChannel = (typeof FILE_CHANNELS)[number];
const isFileChannel = (channel: unknown): channel is FileChannel => (FILE_CHANNELS as readonly unknown[]).includes(channel);

export interface ExportedFilesOptions {
  exists?: (path: string) => boolean;
  /** An unguessable token; 16 random bytes by default. */
  newToken?: () => string;
}

interface ExportResultLike { saved: true; fileName: string; location: string; openToken?: string }

function isSavedExport(value: unknown): value is ExportResultLike {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v.saved === true && typeof v.fileName === 'string' && typeof v.location === 'string';
}

/**
 * "Openen" and "Toon in map" after an export, without letting the renderer name a path:
 * - the save dialog (wrapped by `saveTarget`) notes every path it handed to the core;
 * - an export's answer passing through main (`dispatcher`) that names one of those paths gets an
 *   opaque `openToken`, kept here with its path;
 * - `files:open` / `files:show` carry only that token; one this instance did not issue (another
 *   run of the app, before the last lock, or made up) is refused with FILE_NOT_EXPORTED.
 * A path the host reports that the dialog did not choose gets no token, so a confused or
 * compromised host cannot make main open an arbitrary file either.
 */
export class ExportedFiles {
  private readonly chosen = new Set<string>();
  private readonly tokens = new Map<string, string>();
  private readonly exists: (path: string) => boolean;
  private readonly newToken: () => string;

  constructor(private readonly shell: FileShellLike, options: ExportedFilesOptions = {}) {
    this.exists = options.exists ?? existsSync;
    this.newToken = options.newToken ?? (() => randomBytes(16).toString('base64url'));
  }

  /** The save dialog, noting what it returned. */
  saveTarget(inner: SaveTarget): SaveTarget {
    return {
      choose: async (suggestedFileName) => {
        const path = await inner.choose(suggestedFileName);
        if (path) this.chosen.add(resolve(path));
        return path;
      },
    };
  }

  /** A token for a file the dialog chose and the core wrote; null otherwise. */
  issue(result: ExportResultLike): string | null {
    const path = resolve(join(result.location, result.fileName));
    if (!this.chosen.has(path) || !this.exists(path)) return null;
    const token = this.newToken();
    this.tokens.set(token, path);
    return token;
  }

  /**
   * Tokens end with the vault session: after a lock (asked for, idle, or the host gone) the
   * renderer starts over, and so do they.
   */
  forget(): void {
    this.tokens.clear();
    this.chosen.clear();
  }

  /** What main hears from the host: a lock it did not ask for ends the session too. */
  receive(event: { name: string }): void {
    if (event.name === 'vault:locked' || event.name === 'host:down') this.forget();
  }

  async run(channel: FileChannel, token: string): Promise<Result<{ ok: true }>> {
    const path = this.tokens.get(token);
    if (!path) {
      logEvent('files.token_refused', { channel });
      return { ok: false, error: { code: 'FILE_NOT_EXPORTED' } };
    }
    // Moved or deleted since: say so rather than let the OS show its own error (or nothing).
    if (!this.exists(path)) return { ok: false, error: { code: 'FILE_OPEN_FAILED' } };
    if (channel === 'files:show') {
      this.shell.showItemInFolder(path);
      return { ok: true, value: { ok: true } };
    }
    const failure = await this.shell.openPath(path);
    // The message is the OS's (it may name the file): logged as a flag only.
    if (failure) {
      logEvent('files.open_failed');
      return { ok: false, error: { code: 'FILE_OPEN_FAILED' } };
    }
    return { ok: true, value: { ok: true } };
  }

  /** Gives every saved export in an answer its token (one result, or an object of them like access:export's). */
  private annotate(value: unknown): unknown {
    if (isSavedExport(value)) {
      const token = this.issue(value);
      return token ? { ...value, openToken: token } : value;
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.some(([, inner]) => isSavedExport(inner))) {
        return Object.fromEntries(entries.map(([key, inner]) => [key, isSavedExport(inner) ? this.annotate(inner) : inner]));
      }
    }
    return value;
  }

  /**
   * The backend as the renderer reaches it through main: file channels answered here (their
   * request checked against the contract like every other), everything else forwarded, and
   * export answers given their tokens on the way back.
   */
  dispatcher(backend: DispatcherLike): DispatcherLike {
    return {
      dispatch: async (channel, request) => {
        if (isFileChannel(channel)) {
          const parsed = contract[channel].request.safeParse(request ?? {});
          if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', params: { field: 'token' } } };
          return this.run(channel, parsed.data.token);
        }
        const result = await backend.dispatch(channel, request);
        if (channel === 'vault:lock') this.forget();
        if (!result.ok) return result;
        return { ok: true, value: this.annotate(result.value) };
      },
    };
  }
}
