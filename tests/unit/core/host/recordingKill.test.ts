import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HostClient } from '../../../../electron/core/host/hostClient';
import { createApi, createClient } from '../../../../shared/api';
import { RECORDER_MIME } from '../../../../shared/recordingSchemas';
import { forkNodeHost } from '../../../harness/nodeHost';
import { PASSPHRASE, TEST_SCRYPT } from '../../helpers/core';
import { tempDir } from '../../helpers/tempDir';

const clients: HostClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

function startHost(dataDir: string) {
  const client = new HostClient({
    spawn: forkNodeHost,
    config: { dataDir, appVersion: '0.0.0-test', deviceAvailable: false, validateResponses: true, scryptParams: TEST_SCRYPT },
    services: { saveTarget: { choose: async () => null }, folderPicker: { chooseFolder: async () => null } },
    onEvent: () => undefined,
  });
  clients.push(client);
  return { client, api: createClient(createApi((channel, request) => client.dispatch(channel, request))) };
}

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('recording while the backend host is killed (issue 17)', () => {
  it('keeps every acknowledged chunk: after a restart the recording is there, closed as interrupted, and readable', async () => {
    const dataDir = tempDir();
    const { api, client } = startHost(dataDir);
    await api.vault.create({ passphrase: PASSPHRASE });
    const student = await api.students.create({ displayName: 'Noor Bakker', schoolType: 'havo' });
    const template = (await api.templates.list()).find((t) => t.builtinKey)!;
    const dialogue = await api.dialogues.create({ studentId: student.id, templateVersionId: template.id, heldOn: '2026-11-30', title: 'Gesprek', participants: [] });
    await api.consent.register({ studentId: student.id, givenOn: '2026-11-30', givenBy: 'student', purpose: 'Verslag' });
    const recording = await api.recordings.start({ dialogueId: dialogue.id, mime: RECORDER_MIME });

    // About a second of Opus each, sent one after another as the recorder does; the host is
    // killed after a few acknowledged chunks, while the next is in flight.
    const sent: Uint8Array[] = [];
    let acknowledged = 0;
    let failure: string | null = null;
    for (let seq = 0; seq < 500; seq++) {
      const bytes = new Uint8Array(randomBytes(4000 + (seq % 7) * 100));
      sent.push(bytes);
      try {
        await api.recordings.appendChunk({ recordingId: recording.id, seq, bytes, elapsedMs: (seq + 1) * 1000 });
        acknowledged = seq + 1;
        if (seq === 20) setImmediate(() => client.killHost());
      } catch (error) {
        failure = (error as { code?: string }).code ?? 'unknown';
        break;
      }
    }
    expect(['HOST_DOWN', 'VAULT_LOCKED']).toContain(failure);
    expect(acknowledged).toBeGreaterThanOrEqual(21);

    // A fresh host comes up locked; unlocking closes the cut-off recording with what it kept.
    expect((await api.vault.status()).state).toBe('locked');
    await api.vault.unlock({ passphrase: PASSPHRASE });
    const [stored] = await api.recordings.list({ dialogueId: dialogue.id });
    expect(stored).toMatchObject({ id: recording.id, status: 'complete', interrupted: true });
    const audio = await api.recordings.read({ recordingId: recording.id });
    // Every acknowledged chunk is there; the one in flight may have committed without its answer
    // getting out. Never a partial chunk, never one out of order.
    const candidates = [acknowledged, acknowledged + 1].filter((n) => n <= sent.length);
    const expected = candidates.map((n) => digest(Buffer.concat(sent.slice(0, n))));
    expect(expected).toContain(digest(audio.bytes));
    expect(stored!.durationMs).toBeGreaterThanOrEqual(acknowledged * 1000);
  }, 90_000);
});
