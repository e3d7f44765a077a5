import { describe, expect, it } from 'vitest';
import { IllegalVaultTransition, LockState, type LockStateName } from '../../../electron/core/vault/lockState';

/** A lock state walked to `target` along allowed transitions. */
function at(target: LockStateName): LockState {
  const paths: Record<LockStateName, LockStateName[]> = {
    locked: [],
    unlocking: ['unlocking'],
    migrating: ['unlocking', 'migrating'],
    unlocked: ['unlocking', 'unlocked'],
    locking: ['unlocking', 'unlocked', 'locking'],
    swapping: ['swapping'],
    changingKey: ['unlocking', 'unlocked', 'changingKey'],
  };
  const state = new LockState();
  for (const step of paths[target]) state.to(step);
  expect(state.state).toBe(target);
  return state;
}

const ALL: LockStateName[] = ['locked', 'unlocking', 'migrating', 'unlocked', 'locking', 'swapping', 'changingKey'];
const ALLOWED: [LockStateName, LockStateName][] = [
  ['locked', 'unlocking'], ['locked', 'swapping'],
  ['unlocking', 'migrating'], ['unlocking', 'unlocked'], ['unlocking', 'locked'],
  ['migrating', 'unlocked'], ['migrating', 'locked'],
  ['unlocked', 'locking'], ['unlocked', 'swapping'], ['unlocked', 'changingKey'],
  ['changingKey', 'unlocked'],
  ['locking', 'locked'],
  ['swapping', 'unlocked'], ['swapping', 'locked'],
];
const allowed = (from: LockStateName, to: LockStateName) => ALLOWED.some(([a, b]) => a === from && b === to);

describe('the vault lock state', () => {
  it('starts locked', () => {
    expect(new LockState().state).toBe('locked');
  });

  it.each(ALLOWED)('moves from %s to %s', (from, to) => {
    const state = at(from);
    state.to(to);
    expect(state.state).toBe(to);
  });

  const refused = ALL.flatMap((from) => ALL.filter((to) => !allowed(from, to)).map((to) => [from, to] as [LockStateName, LockStateName]));

  it.each(refused)('refuses %s to %s with IllegalVaultTransition and stays put', (from, to) => {
    const state = at(from);
    expect(state.canMoveTo(to)).toBe(false);
    let thrown: unknown;
    try {
      state.to(to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalVaultTransition);
    expect((thrown as IllegalVaultTransition).name).toBe('IllegalVaultTransition');
    expect(thrown).toMatchObject({ from, to });
    expect(state.state).toBe(from);
  });

  it('refuses every self-transition, unlocked to unlocked included (a second unlock is not a transition)', () => {
    expect(refused).toContainEqual(['unlocked', 'unlocked']);
    expect(refused).toContainEqual(['locked', 'locked']);
    expect(refused).toHaveLength(ALL.length * ALL.length - ALLOWED.length);
  });

  it('abandons a failed unlock back to locked from unlocking and migrating, and nowhere else', () => {
    for (const from of ['unlocking', 'migrating'] as const) {
      const state = at(from);
      state.abandonUnlock();
      expect(state.state).toBe('locked');
    }
    for (const from of ['locked', 'unlocked', 'swapping', 'changingKey'] as const) {
      const state = at(from);
      state.abandonUnlock();
      expect(state.state).toBe(from);
    }
  });

  it('runs whenSettled at once when settled, in the same turn', async () => {
    const state = at('unlocked');
    let seen: string | null = null;
    const done = state.whenSettled((settled) => {
      seen = settled;
      state.to('locking');
    });
    // Synchronous: nothing else could have started between the check and the move.
    expect(seen).toBe('unlocked');
    expect(state.state).toBe('locking');
    await done;
  });

  it('makes whenSettled wait through every transient state, then decide on the settled one', async () => {
    const state = at('unlocking');
    const seen: string[] = [];
    const waiting = state.whenSettled((settled) => {
      seen.push(settled);
      return settled;
    });
    state.to('migrating');
    await Promise.resolve();
    expect(seen).toEqual([]);
    state.to('unlocked');
    await expect(waiting).resolves.toBe('unlocked');
    expect(seen).toEqual(['unlocked']);
  });

  it('serialises two waiters: the first moves on, the second sees where the first left it', async () => {
    const state = at('swapping');
    const order: string[] = [];
    const first = state.whenSettled((settled) => {
      order.push(`first saw ${settled}`);
      state.to('unlocking');
    });
    const second = state.whenSettled((settled) => {
      order.push(`second saw ${settled}`);
    });
    state.to('locked');
    await first;
    // The first waiter started an unlock: the second waits for it instead of interleaving.
    expect(order).toEqual(['first saw locked']);
    state.to('unlocked');
    await second;
    expect(order).toEqual(['first saw locked', 'second saw unlocked']);
  });

  it('rejects whenSettled with what its callback throws', async () => {
    const state = at('unlocked');
    await expect(state.whenSettled(() => state.to('unlocked'))).rejects.toBeInstanceOf(IllegalVaultTransition);
  });

  it('resolves whenNot only once the state has left', async () => {
    const state = at('swapping');
    let left = false;
    const waiting = state.whenNot('swapping').then(() => {
      left = true;
    });
    await Promise.resolve();
    expect(left).toBe(false);
    state.to('unlocked');
    await waiting;
    expect(left).toBe(true);
    await state.whenNot('swapping');
  });
});
