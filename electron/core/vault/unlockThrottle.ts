import { z } from 'zod';
import type { FileOps } from './fileOps';
import { writeFileAtomic } from './fileOps';

/** Wrong attempts allowed before waiting starts; then 1 s, 2 s, 4 s … up to 5 minutes. */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60_000;

const State = z.object({ failures: z.number().int().nonnegative(), lastFailureAt: z.number().nonnegative() });
type State = z.infer<typeof State>;

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

/**
 * Counts wrong passphrases and recovery keys so that restarting the app does not reset the
 * delay. The count is kept in two files (`paths`), and the higher one wins when they differ, so
 * deleting one file resets nothing; it holds a count and a time, nothing else. Checks run one
 * at a time (`serialise`): a thousand parallel unlock requests are a thousand attempts in a
 * row, each waiting its turn and its delay, not a thousand at once against a fresh count.
 */
export class UnlockThrottle {
  private state: State = { failures: 0, lastFailureAt: 0 };
  private loaded = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ops: FileOps, private readonly paths: readonly string[], private readonly now: () => number) {}

  private async read(path: string): Promise<State | null> {
    try {
      const parsed = State.safeParse(JSON.parse((await this.ops.readFile(path)).toString('utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // no file yet, or unreadable
    }
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    for (const path of this.paths) {
      const state = await this.read(path);
      if (state && (state.failures > this.state.failures || (state.failures === this.state.failures && state.lastFailureAt > this.state.lastFailureAt))) {
        this.state = state;
      }
    }
  }

  /** Runs `check` after every earlier one has finished, whatever its outcome. */
  serialise<T>(check: () => Promise<T>): Promise<T> {
    const run = this.queue.then(check, check);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async retryAfterMs(): Promise<number> {
    await this.load();
    const wait = this.state.lastFailureAt + delayAfter(this.state.failures) - this.now();
    return Math.max(0, Math.ceil(wait));
  }

  async failed(): Promise<void> {
    await this.load();
    this.state = { failures: this.state.failures + 1, lastFailureAt: this.now() };
    await this.persist();
  }

  async succeeded(): Promise<number> {
    await this.load();
    const failures = this.state.failures;
    if (failures > 0) {
      this.state = { failures: 0, lastFailureAt: 0 };
      await this.persist();
    }
    return failures;
  }

  private async persist(): Promise<void> {
    // Losing the count (disk full) must not block unlocking; the in-memory count still holds.
    for (const path of this.paths) await writeFileAtomic(this.ops, path, JSON.stringify(this.state)).catch(() => undefined);
  }
}
