import { describe, expect, it } from 'vitest';
import { handlers } from '../../../electron/core/handlers';
import type { HandlerTable } from '../../../electron/core/handlers/context';
import { CHANNELS } from '../../../shared/contract';
import { logLines, makeBackend, makeUnlockedBackend, PASSPHRASE } from '../helpers/core';

const valid = { displayName: 'Noor el Amrani', schoolType: 'mbo-2' } as const;

describe('Backend.dispatch', () => {
  it('answers UNKNOWN_CHANNEL for anything that is not a channel', async () => {
    const { backend } = makeBackend();
    for (const channel of ['students:delete', 'vault', '', 'constructor', '__proto__', 'toString', 42, null, undefined, { channel: 'vault:status' }]) {
      expect(await backend.dispatch(channel, {})).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it.each([
    ['a missing field', { displayName: 'Noor' }, 'schoolType'],
    ['an extra field', { ...valid, isAdmin: true }, 'isAdmin'],
    ['a wrong type', { ...valid, displayName: 42 }, 'displayName'],
    ['an unknown school type', { ...valid, schoolType: 'gymnasium' }, 'schoolType'],
    ['an impossible date', { ...valid, leavingDate: '2025-02-30' }, 'leavingDate'],
    ['a non-date', { ...valid, leavingDate: '30-01-2025' }, 'leavingDate'],
    ['an empty name', { ...valid, displayName: '' }, 'displayName'],
    ['a name of only spaces', { ...valid, displayName: '   ' }, 'displayName'],
    ['a 10,000-character name', { ...valid, displayName: 'a'.repeat(10_000) }, 'displayName'],
  ])('refuses %s with VALIDATION naming the field', async (_name, request, field) => {
    const { backend } = await makeUnlockedBackend();
    expect(await backend.dispatch('students:create', request)).toEqual({ ok: false, error: { code: 'VALIDATION', params: { field } } });
    // Nothing was stored.
    expect(await backend.dispatch('students:list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses requests that are not objects, and nested bad fields by their path', async () => {
    const { backend } = await makeUnlockedBackend();
    expect(await backend.dispatch('students:create', 'Noor')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await backend.dispatch('students:create', [valid])).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await backend.dispatch('students:get', { id: 'not-a-uuid' })).toEqual({ ok: false, error: { code: 'VALIDATION', params: { field: 'id' } } });
    expect(await backend.dispatch('students:update', { id: crypto.randomUUID(), fields: { ...valid, leavingDate: '2025-02-30' } }))
      .toEqual({ ok: false, error: { code: 'VALIDATION', params: { field: 'fields.leavingDate' } } });
    expect(await backend.dispatch('vault:status', { extra: 1 })).toEqual({ ok: false, error: { code: 'VALIDATION', params: { field: 'extra' } } });
    expect(await backend.dispatch('vault:unlock', { passphrase: 'x'.repeat(1025) })).toEqual({ ok: false, error: { code: 'VALIDATION', params: { field: 'passphrase' } } });
    // The valid request works, and accepts a leap day.
    expect(await backend.dispatch('students:create', { ...valid, leavingDate: '2028-02-29' })).toMatchObject({ ok: true, value: { leavingDate: '2028-02-29' } });
  });

  it('answers VAULT_LOCKED for data channels while locked, and while no vault exists', async () => {
    const { backend } = makeBackend();
    expect(await backend.dispatch('students:list', {})).toEqual({ ok: false, error: { code: 'VAULT_LOCKED' } });
    await backend.dispatch('vault:create', { passphrase: PASSPHRASE });
    expect(await backend.dispatch('students:list', {})).toEqual({ ok: true, value: [] });
    await backend.dispatch('vault:lock', {});
    for (const [channel, request] of [['students:list', {}], ['students:create', valid], ['settings:get', {}], ['settings:update', { schoolName: 'X' }]] as const) {
      expect(await backend.dispatch(channel, request)).toEqual({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });

  it('returns an internal error as INTERNAL, without its message, and logs no content', async () => {
    const secret = 'Noor el Amrani heeft een geheim';
    const handlerTable = {
      ...handlers,
      'students:list': () => { throw new Error(secret); },
      'students:get': () => { throw Object.assign(new Error(secret), { code: 'SQLITE_IOERR' }); },
    } as HandlerTable;
    const { backend } = makeBackend({ handlerTable });
    const results = [await backend.dispatch('students:list', {}), await backend.dispatch('students:get', { id: crypto.randomUUID() })];
    for (const result of results) {
      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL' } });
      expect(JSON.stringify(result)).not.toContain('Noor');
    }
    expect(logLines.length).toBe(2);
    expect(logLines.join('\n')).not.toContain('Noor');
    expect(JSON.parse(logLines[1]!)).toMatchObject({ event: 'handler.failed', channel: 'students:get', name: 'Error', code: 'SQLITE_IOERR' });
  });

  it('passes AppErrors through with their code and params', async () => {
    const { backend } = makeBackend();
    const result = await backend.dispatch('vault:unlock', { passphrase: PASSPHRASE });
    expect(result).toEqual({ ok: false, error: { code: 'VAULT_MISSING' } });
  });

  it('has exactly one handler per channel of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    for (const channel of CHANNELS) expect(typeof handlers[channel]).toBe('function');
  });

  it('reaches a handler on every channel (none answers UNKNOWN_CHANNEL)', async () => {
    const { backend } = makeBackend();
    for (const channel of CHANNELS) {
      const result = await backend.dispatch(channel, {});
      expect(result.ok ? 'ok' : result.error.code, channel).not.toBe('UNKNOWN_CHANNEL');
    }
  });
});

describe('auto-lock', () => {
  it('locks after the configured idle minutes, not before, and status polling is not activity', async () => {
    const { api, backend, clock } = await makeUnlockedBackend();
    await api.settings.update({ autoLockMinutes: 5 });

    clock.advance(5 * 60_000 - 1);
    expect(backend.checkIdle()).toBe(false);
    expect((await api.vault.status()).state).toBe('unlocked');
    clock.advance(1);
    // The poll a moment ago did not reset the idle time.
    expect(backend.checkIdle()).toBe(true);
    expect(backend.vault.isUnlocked).toBe(false);
    expect((await api.vault.status()).state).toBe('locked');
    expect(logLines.some((line) => JSON.parse(line).event === 'vault.auto_locked')).toBe(true);
    expect(backend.checkIdle()).toBe(false); // already locked
  });

  it('any other call, including session:activity, restarts the idle time', async () => {
    const { api, backend, clock } = await makeUnlockedBackend();
    clock.advance(9 * 60_000);
    await api.session.activity();
    clock.advance(9 * 60_000);
    expect(backend.checkIdle()).toBe(false);
    await api.students.list();
    clock.advance(9 * 60_000);
    expect(backend.checkIdle()).toBe(false);
    clock.advance(60_000); // ten minutes (the default) since the last real call
    expect(backend.checkIdle()).toBe(true);
  });

  it('unlocking counts as activity', async () => {
    const { api, backend, clock } = await makeUnlockedBackend();
    await api.vault.lock();
    clock.advance(60 * 60_000);
    await api.vault.unlock({ passphrase: PASSPHRASE });
    expect(backend.checkIdle()).toBe(false);
    clock.advance(10 * 60_000);
    expect(backend.checkIdle()).toBe(true);
  });
});
