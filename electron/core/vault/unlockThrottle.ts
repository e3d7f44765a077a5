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
 * Counts wrong passphrases and recovery keys in a small file beside the vault, so that
 * restarting the app does not reset the delay. It holds a count and a time, nothing else.
 */
export class UnlockThrottle {
  private state: State = { failures: 0, lastFailureAt: 0 };
  private loaded = false;

  constructor(private readonly ops: FileOps, private readonly path: string, private readonly now: () => number) {}

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const parsed = State.safeParse(JSON.parse((await this.ops.readFile(this.path)).toString('utf8')));
      if (parsed.success) this.state = parsed.data;
    } catch {
      /* no file yet, or unreadable: start counting afresh */
    }
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
    await writeFileAtomic(this.ops, this.path, JSON.stringify(this.state)).catch(() => undefined);
  }
}
