/**
 * Where the vault is between locked and unlocked, as one explicit state instead of flags spread
 * over the Vault (an open connection, a swap promise, "did someone else unlock meanwhile").
 * Transitions (anything else throws IllegalVaultTransition):
 *
 *   locked    → unlocking (an unlock or a create) | swapping (a restore into a closed vault)
 *   unlocking → migrating (the schema is older) | unlocked | locked (the attempt failed)
 *   migrating → unlocked | locked (the migration failed)
 *   unlocked  → locking | swapping (a restore into the open vault) | changingKey
 *   changingKey → unlocked (a key rotation, passphrase change or device wrap change is over;
 *               the connection stays open throughout, so requests are still served)
 *   locking   → locked
 *   swapping  → unlocked | locked (neither the restored files nor the earlier ones opened)
 *
 * `locked` and `unlocked` are settled; the others are transitions under way. The Vault starts
 * an unlock, a create, a restore or a key change only from a settled state (`whenSettled`), so
 * two of them never interleave: the later one waits for the earlier to finish, then decides on
 * what it finds. A lock() during a transition is kept by the Vault and ends it `locked` (the
 * unlocking, migrating and swapping → locked edges) or follows it (after changingKey).
 */
export type LockStateName = 'locked' | 'unlocking' | 'migrating' | 'unlocked' | 'locking' | 'swapping' | 'changingKey';
export type SettledLockState = Extract<LockStateName, 'locked' | 'unlocked'>;

const ALLOWED: Readonly<Record<LockStateName, readonly LockStateName[]>> = {
  locked: ['unlocking', 'swapping'],
  unlocking: ['migrating', 'unlocked', 'locked'],
  migrating: ['unlocked', 'locked'],
  unlocked: ['locking', 'swapping', 'changingKey'],
  changingKey: ['unlocked'],
  locking: ['locked'],
  swapping: ['unlocked', 'locked'],
};

/** A transition the table above does not have: a bug in the caller, never a user's mistake. */
export class IllegalVaultTransition extends Error {
  override readonly name = 'IllegalVaultTransition';

  constructor(readonly from: LockStateName, readonly to: LockStateName) {
    super(`vault lock state: ${from} → ${to} is not allowed`);
  }
}

function isSettled(state: LockStateName): state is SettledLockState {
  return state === 'locked' || state === 'unlocked';
}

export class LockState {
  private current: LockStateName = 'locked';
  private waiters: (() => void)[] = [];

  get state(): LockStateName {
    return this.current;
  }

  is(state: LockStateName): boolean {
    return this.current === state;
  }

  /** Whether `to` may follow the current state. */
  canMoveTo(to: LockStateName): boolean {
    return ALLOWED[this.current].includes(to);
  }

  /** Moves to `to`, or throws IllegalVaultTransition (and stays where it was). */
  to(to: LockStateName): void {
    if (!this.canMoveTo(to)) throw new IllegalVaultTransition(this.current, to);
    this.current = to;
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }

  /**
   * Back to `locked` after an unlock (or create) that failed while `unlocking` or `migrating`;
   * nothing in any other state, so every way out of an attempt can call it.
   */
  abandonUnlock(): void {
    if (this.current === 'unlocking' || this.current === 'migrating') this.to('locked');
  }

  /**
   * Runs `then` with the settled state as soon as no transition is under way, in the same turn
   * as that check: nothing can start in between, so `then` may decide and move on what it sees.
   * Rejects with what `then` throws.
   */
  async whenSettled<T>(then: (state: SettledLockState) => T): Promise<T> {
    for (;;) {
      const state = this.current;
      if (isSettled(state)) return then(state);
      await this.nextChange();
    }
  }

  /** Resolves once the state is no longer `state` (at once when it is not). */
  async whenNot(state: LockStateName): Promise<void> {
    while (this.current === state) await this.nextChange();
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
