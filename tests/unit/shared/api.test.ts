import { describe, expect, it } from 'vitest';
import { createApi, createClient, type Invoke } from '../../../shared/api';
import { CHANNELS, type Channel } from '../../../shared/contract';
import { AppError, type Result } from '../../../shared/errors';

function recordingInvoke(answer: (channel: Channel, request: unknown) => Result<unknown>) {
  const calls: [Channel, unknown][] = [];
  const invoke: Invoke = async (channel, request) => {
    calls.push([channel, request]);
    return answer(channel, request);
  };
  return { invoke, calls };
}

const methodOf = (api: object, channel: Channel) => {
  const [ns, method] = channel.split(':') as [string, string];
  return (api as Record<string, Record<string, (request?: unknown) => Promise<unknown>>>)[ns]?.[method];
};

describe('createApi (the bridge)', () => {
  it('builds one method per channel, each sending on its own channel', async () => {
    const { invoke, calls } = recordingInvoke((channel) => ({ ok: true, value: channel }));
    const api = createApi(invoke);
    const methodCount = Object.values(api).reduce((n, group) => n + Object.keys(group).length, 0);
    expect(methodCount).toBe(CHANNELS.length);
    for (const channel of CHANNELS) {
      const method = methodOf(api, channel);
      expect(typeof method, channel).toBe('function');
      expect(await method!({ probe: channel })).toEqual({ ok: true, value: channel });
    }
    expect(calls).toEqual(CHANNELS.map((channel) => [channel, { probe: channel }]));
  });

  it('sends {} when called without a request, and hands error envelopes back as values', async () => {
    const { invoke, calls } = recordingInvoke(() => ({ ok: false, error: { code: 'VAULT_LOCKED' } }));
    const api = createApi(invoke);
    expect(await api.students.list()).toEqual({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(calls).toEqual([['students:list', {}]]);
  });

  it('is frozen', () => {
    const api = createApi(recordingInvoke(() => ({ ok: true, value: null })).invoke);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.students)).toBe(true);
  });
});

describe('createClient (what the renderer uses)', () => {
  it('resolves to the value on success', async () => {
    const client = createClient(createApi(recordingInvoke(() => ({ ok: true, value: [{ id: 'x' }] })).invoke));
    await expect(client.students.list()).resolves.toEqual([{ id: 'x' }]);
  });

  it('rethrows an error envelope as an AppError with its code and params, on every channel', async () => {
    const client = createClient(createApi(recordingInvoke(() => ({ ok: false, error: { code: 'UNLOCK_THROTTLED', params: { seconds: 4 } } })).invoke));
    for (const channel of CHANNELS) {
      const error = await methodOf(client, channel)!({}).then(() => null, (e: unknown) => e);
      expect(error, channel).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'UNLOCK_THROTTLED', params: { seconds: 4 } });
    }
  });

  it('turns an unknown error code, or something that is not an envelope, into INTERNAL', async () => {
    const answers: unknown[] = [{ ok: false, error: { code: 'SOMETHING_NEW' } }, undefined, 'oops', { value: 1 }];
    for (const answer of answers) {
      const client = createClient(createApi(async () => answer as Result<unknown>));
      await expect(client.vault.status()).rejects.toMatchObject({ name: 'AppError', code: 'INTERNAL' });
    }
  });

  it('answers UNKNOWN_CHANNEL when the bridge lacks a method', async () => {
    const partial = { vault: {}, students: {}, session: {}, settings: {} } as unknown as Parameters<typeof createClient>[0];
    await expect(createClient(partial).students.list()).rejects.toMatchObject({ code: 'UNKNOWN_CHANNEL' });
  });
});
