import { afterEach, describe, expect, it } from 'vitest';
import { HostClient } from '../../../../electron/core/host/hostClient';
import type { HostProcess } from '../../../../electron/core/host/protocol';
import { createApi, createClient } from '../../../../shared/api';
import type { BackendEvent } from '../../../../shared/events';
import { forkNodeHost } from '../../../harness/nodeHost';
import { FakeDeviceProtector, PASSPHRASE, TEST_SCRYPT } from '../../helpers/core';
import { docFor, leaf, paragraph } from '../../helpers/dialogues';
import { tempDir } from '../../helpers/tempDir';

const clients: HostClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

function startHost(dataDir = tempDir(), device?: FakeDeviceProtector) {
  const events: BackendEvent[] = [];
  const client = new HostClient({
    spawn: forkNodeHost,
    config: { dataDir, appVersion: '0.0.0-test', deviceAvailable: Boolean(device), validateResponses: true, scryptParams: TEST_SCRYPT },
    services: {
      saveTarget: { choose: async () => null },
      folderPicker: { chooseFolder: async () => null },
      device,
    },
    onEvent: (event) => events.push(event),
  });
  clients.push(client);
  const api = createClient(createApi((channel, request) => client.dispatch(channel, request)));
  return { client, api, events, dataDir };
}

/** A host process that never answers, or answers with what the test says. */
function fakeHost(answer: (message: unknown, reply: (raw: unknown) => void) => void): HostProcess & { killed: boolean } {
  const listeners: ((raw: unknown) => void)[] = [];
  const exits: ((code: number | null) => void)[] = [];
  const host = {
    killed: false,
    post: (message: unknown) => {
      const kind = (message as { kind: string }).kind;
      if (kind === 'init') setImmediate(() => listeners.forEach((l) => l({ kind: 'ready' })));
      else answer(message, (raw) => setImmediate(() => listeners.forEach((l) => l(raw))));
    },
    onMessage: (listener: (raw: unknown) => void) => listeners.push(listener),
    onExit: (listener: (code: number | null) => void) => exits.push(listener),
    kill: () => {
      host.killed = true;
      exits.forEach((l) => l(null));
    },
  };
  return host;
}

function fakeClient(host: HostProcess, deadlineMs = 5_000) {
  const events: BackendEvent[] = [];
  const client = new HostClient({
    spawn: () => host,
    config: { dataDir: '/nonexistent', appVersion: '0', deviceAvailable: false },
    services: { saveTarget: { choose: async () => null }, folderPicker: { chooseFolder: async () => null } },
    onEvent: (event) => events.push(event),
    deadlineMs: () => deadlineMs,
  });
  return { client, events };
}

describe('the backend host in its own process', () => {
  it('starts on first use and answers through the process boundary', async () => {
    const { api, client } = startHost();
    expect(client.running).toBe(false);
    await api.vault.create({ passphrase: PASSPHRASE });
    expect(client.running).toBe(true);
    const student = await api.students.create({ displayName: 'Noor Bakker', schoolType: 'havo' });
    expect((await api.students.list({})).map((s) => s.id)).toEqual([student.id]);
    // Validation happens in the host, which names the field, as the in-process backend did.
    expect(await client.dispatch('students:create', { displayName: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  }, 30_000);

  it('keeps every acknowledged save when the host is killed mid-burst, and comes back locked', async () => {
    const { api, client, events, dataDir } = startHost();
    await api.vault.create({ passphrase: PASSPHRASE });
    const student = await api.students.create({ displayName: 'Noor Bakker', schoolType: 'havo' });
    const template = (await api.templates.list()).find((t) => t.builtinKey)!;
    const dialogue = await api.dialogues.create({
      studentId: student.id, templateVersionId: template.id, heldOn: '2026-11-30', title: 'Gesprek', participants: [],
    });
    let revision = dialogue.revision;
    let acknowledged = -1;
    let failure: string | null = null;
    // Save in a loop; kill the host after a few acknowledged saves, while one is in flight.
    const saving = (async () => {
      for (let n = 0; n < 500; n++) {
        const content = docFor(template, { [template.sections[0]!.key]: [paragraph(leaf(`versie ${n}`))] });
        try {
          const saved = await api.dialogues.save({ id: dialogue.id, revision, content });
          revision = saved.revision;
          acknowledged = n;
          if (n === 15) setImmediate(() => client.killHost());
        } catch (error) {
          failure = (error as { code?: string }).code ?? 'unknown';
          return;
        }
      }
    })();
    await saving;
    // The save in flight when the host died answers HOST_DOWN; if the exit was seen between two
    // saves, the next one already reached a fresh (locked) host: VAULT_LOCKED. Neither is acknowledged.
    expect(['HOST_DOWN', 'VAULT_LOCKED']).toContain(failure);
    expect(acknowledged).toBeGreaterThanOrEqual(15);
    expect(events.map((e) => e.name)).toContain('host:down');
    expect(client.running).toBe(false);

    // The next request starts a fresh host: the vault is locked, and unlocks with every save.
    expect((await api.vault.status()).state).toBe('locked');
    await api.vault.unlock({ passphrase: PASSPHRASE });
    const reread = await api.dialogues.get({ id: dialogue.id });
    // Every acknowledged save is there. The save in flight may have committed just before the
    // kill without its answer getting out: then the next version is there, never an older one.
    const stored = JSON.stringify(reread.content).match(/versie (\d+)/)?.[1];
    expect([acknowledged, acknowledged + 1]).toContain(Number(stored));
    expect(reread.revision).toBeGreaterThanOrEqual(revision);
    expect(dataDir).toBeTruthy();
  }, 60_000);

  it('sends the idle lock as an event and asks the parent for the keychain', async () => {
    const device = new FakeDeviceProtector();
    const { api, client, events } = startHost(tempDir(), device);
    await api.vault.create({ passphrase: PASSPHRASE });
    await api.vault.setDeviceUnlock({ enabled: true, passphrase: PASSPHRASE });
    client.test('lock');
    await expect.poll(() => events.some((e) => e.name === 'vault:locked')).toBe(true);
    expect((await api.vault.status()).state).toBe('locked');
    // decrypt runs in this process (the fake keychain), called by the host over the channel.
    await api.vault.unlockWithDevice();
    expect((await api.vault.status()).state).toBe('unlocked');
  }, 30_000);
});

describe('a host that misbehaves', () => {
  it('answers HOST_TIMEOUT when the host does not answer in time, and replaces the host', async () => {
    const host = fakeHost(() => undefined);
    const { client } = fakeClient(host, 200);
    expect(await client.dispatch('students:list', {})).toEqual({ ok: false, error: { code: 'HOST_TIMEOUT' } });
    expect(host.killed).toBe(true);
  });

  it('refuses a malformed answer instead of passing it on', async () => {
    const host = fakeHost((message, reply) => {
      const { id } = message as { id: number };
      reply({ kind: 'response', id, result: { ok: true, value: [], extra: 'smuggled' } });
    });
    const { client } = fakeClient(host);
    expect(await client.dispatch('students:list', {})).toEqual({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses an unknown error code and an event outside the contract', async () => {
    const host = fakeHost((message, reply) => {
      const { id } = message as { id: number };
      reply({ kind: 'event', event: { name: 'vault:locked', payload: { reason: 'because' } } });
      reply({ kind: 'event', event: { name: 'renderer:navigate', payload: {} } });
      reply({ kind: 'response', id, result: { ok: false, error: { code: 'NOT_A_CODE' } } });
    });
    const { client, events } = fakeClient(host);
    expect(await client.dispatch('students:list', {})).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(events).toEqual([]);
  });

  it('answers HOST_DOWN for open requests when the host dies, and tells the renderer', async () => {
    const host = fakeHost(() => setTimeout(() => host.kill(), 10));
    const { client, events } = fakeClient(host);
    expect(await client.dispatch('students:list', {})).toEqual({ ok: false, error: { code: 'HOST_DOWN' } });
    expect(events).toEqual([{ name: 'host:down', payload: {} }]);
  });

  it('never forwards a name that is not a channel', async () => {
    const seen: unknown[] = [];
    const host = fakeHost((message) => seen.push(message));
    const { client } = fakeClient(host);
    expect(await client.dispatch('fs:readFile', { path: '/etc/passwd' })).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(seen).toEqual([]);
  });
});
