import type { Channel } from '../../../shared/contract';
import { logEvent } from '../log';
import type { Vault } from '../vault/vault';
import { isScrubPending, type ScrubStage } from './scrubPending';
import { scrubInWorker } from './scrubInWorker';

/**
 * The scrub after an erasure (issue 12), run in the 'erasureScrub' job on a connection of its
 * own, so that the seconds a school-sized VACUUM takes never hold the host's thread.
 *
 * How the host's writes behave meanwhile: they wait here until the scrub ends. The scrub holds
 * SQLite's write lock through FTS optimize, the checkpoints and VACUUM (one write transaction
 * over the whole file). busy_timeout would not cover it: better-sqlite3 waits for a lock
 * synchronously, so a save reaching the database during the scrub would block the host's
 * thread (every request, reads too) for up to the 5 s timeout and then fail with SQLITE_BUSY
 * while VACUUM still runs. Waiting at the dispatch instead leaves the thread free: reads
 * (`READS_DURING_SCRUB`, which only SELECT) go on from their WAL snapshot, and a save is kept
 * queued and acknowledged once the scrub is done. The wait is bounded by the time the caller
 * gives the request (see `Backend.dispatch`), so a scrub longer than that never makes the
 * host look wedged; such a write then meets busy_timeout as it would have without the gate.
 * A write that passed the gate before the scrub began and reaches SQLite during it still
 * meets busy_timeout: rare (an async handler between its awaits), and no worse than before.
 */
export class ErasureScrubber {
  private running: Promise<void> | null = null;

  constructor(private readonly options: { vault: Vault; nativeBinding?: string | undefined }) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Resolves when no scrub runs (at once when none does); never rejects. */
  whenIdle(): Promise<void> {
    return this.running ? this.running.catch(() => undefined) : Promise.resolve();
  }

  /**
   * Runs the scrub of the unlocked vault; a call while one runs joins it. Joining is enough:
   * an erasure is a write, so it waits for the running scrub before it commits, and no deletion
   * can slip in behind a scrub that is already under way.
   */
  run(reason: 'erasure' | 'resumed' = 'erasure'): Promise<void> {
    if (this.running) return this.running;
    const started = performance.now();
    const onStage = (stage: ScrubStage) => logEvent('erasure.scrub_stage', { stage });
    const running = scrubInWorker(this.options.vault, this.options.nativeBinding, onStage).then(
      () => logEvent('erasure.scrubbed', { reason, ms: Math.round(performance.now() - started) }),
      (error: unknown) => {
        // The pending mark stays, so the next unlock tries again.
        logEvent('erasure.scrub_failed', { reason, code: String((error as { code?: unknown })?.code ?? 'INTERNAL') });
        throw error;
      },
    ).finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }

  /**
   * After an unlock: a scrub that a kill, a crash or a quit cut off (its mark is still in the
   * vault) runs again, and resolves when it is done, so that nothing copies the vault (the
   * automatic backup) while the erased student's terms may still be in it. Resolves at once
   * when none is pending; never rejects (the failure is logged, the mark stays).
   */
  resumeIfPending(): Promise<void> {
    let pending: boolean;
    try {
      pending = isScrubPending(this.options.vault.database());
    } catch {
      return Promise.resolve();
    }
    if (!pending) return Promise.resolve();
    return this.run('resumed').catch(() => undefined);
  }
}

/**
 * Channels that only read the vault (SELECTs on the host connection, files, preferences), so
 * they need not wait for a scrub: what the renderer asks for while the mentor moves around.
 * Every other channel waits (a channel added later waits too, which is slow but safe).
 * tests/unit/core/erasureScrubGate.test.ts runs each of these under another connection's write
 * lock with busy_timeout 0, so one that writes fails there instead of stalling the host here.
 */
export const READS_DURING_SCRUB: ReadonlySet<Channel> = new Set<Channel>([
  'vault:status', 'policy:get', 'session:activity', 'settings:get', 'firstRun:status', 'status:backup', 'backups:getSettings',
  'students:list', 'students:get', 'students:overview', 'students:timeline', 'placements:list',
  'templates:list', 'templates:get', 'dialogues:list', 'dialogues:get', 'codes:list', 'actions:list',
  'today:overview', 'groups:overview', 'search:query', 'quickFind:query', 'audit:list', 'retention:due', 'retention:getYears',
  'consent:get', 'recordings:list',
]);
