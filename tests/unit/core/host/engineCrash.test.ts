import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HostClient } from '../../../../electron/core/host/hostClient';
import { createApi, createClient } from '../../../../shared/api';
import type { BackendEvent } from '../../../../shared/events';
import { MAX_PCM_CHUNK_BYTES } from '../../../../shared/transcriptionSchemas';
import { sineWav } from '../../../e2e/sineWav';
import { chosenFilePicker } from '../../../harness/chosenFile';
import { forkNodeHost } from '../../../harness/nodeHost';
import { PASSPHRASE, TEST_SCRYPT } from '../../helpers/core';
import { writeTinyModel } from '../../helpers/ggmlTinyModel';
import { tempDir } from '../../helpers/tempDir';

/**
 * Issue 17, the engine in a process of its own (ADR 0022), across the real host boundary: the
 * host is forked as in the harness, with the real whisper.cpp engine (no test hooks). A model
 * file crafted to make whisper.cpp abort() used to take the host and its open vault with it
 * (the engine ran in a worker thread of the host); now only the engine process dies.
 */
const clients: HostClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

async function until<T>(read: () => T | undefined, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('whisper.cpp aborting in its engine process', () => {
  it('fails the job with TRANSCRIPTION_CRASHED; the host keeps answering and the vault is intact', async () => {
    const dataDir = tempDir();
    const files = tempDir();
    const picker = chosenFilePicker();
    const events: BackendEvent[] = [];
    const client = new HostClient({
      spawn: forkNodeHost,
      config: { dataDir, appVersion: '0.0.0-test', deviceAvailable: false, validateResponses: true, scryptParams: TEST_SCRYPT },
      services: { saveTarget: { choose: async () => null }, folderPicker: { chooseFolder: async () => null }, openFile: picker },
      onEvent: (event) => events.push(event),
    });
    clients.push(client);
    const api = createClient(createApi((channel, request) => client.dispatch(channel, request)));

    await api.vault.create({ passphrase: PASSPHRASE });
    const student = await api.students.create({ displayName: 'Noor el Amrani', schoolType: 'mbo-2' });
    const [template] = await api.templates.list();
    const dialogue = await api.dialogues.create({ studentId: student.id, templateVersionId: template!.id, heldOn: '2025-09-01', title: 'Gesprek', participants: [] });
    await api.consent.register({ studentId: student.id, givenOn: '2025-09-01', givenBy: 'parent_guardian', purpose: 'Verslag van loopbaangesprekken' });

    // The header declares q4_0 over f32 tensors: it passes the app's inspection, and whisper.cpp
    // 1.1.3 hits GGML_ASSERT(!ggml_is_transposed(a)) while loading it and calls abort().
    const modelPath = join(files, 'ggml-klein.bin');
    writeTinyModel(modelPath, { ftype: 2 });
    picker.select(modelPath);
    const entry = await api.models.import({});
    await api.models.confirm({ id: entry!.id });
    const wavPath = join(files, 'gesprek.wav');
    writeFileSync(wavPath, sineWav(2, 16_000));
    picker.select(wavPath);
    const picked = await api.audio.pick({ dialogueId: dialogue.id });
    const recording = await api.audio.store({ token: picked!.token, durationMs: 2_000 });

    const pcm = new Int16Array(2 * 16_000);
    for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin(i * 0.09) * 6000);
    const { jobId } = await api.transcription.start({ dialogueId: dialogue.id, recordingId: recording.id, sampleCount: pcm.length });
    const bytes = new Uint8Array(pcm.buffer);
    for (let seq = 0, offset = 0; offset < bytes.byteLength; seq++, offset += MAX_PCM_CHUNK_BYTES) {
      await api.transcription.pcm({ jobId, seq, bytes: bytes.slice(offset, offset + MAX_PCM_CHUNK_BYTES) });
    }
    await api.transcription.run({ jobId });
    const end = await until(() => events.find((e) => (e.name === 'transcription:failed' || e.name === 'transcription:finished' || e.name === 'host:down')), 30_000);
    expect(end).toEqual({ name: 'transcription:failed', payload: { jobId, code: 'TRANSCRIPTION_CRASHED' } });

    // The same host, still unlocked, answers and writes.
    expect(events.some((e) => e.name === 'host:down' || e.name === 'vault:locked')).toBe(false);
    expect(client.running).toBe(true);
    expect((await api.students.list({})).map((s) => s.id)).toEqual([student.id]);
    const second = await api.students.create({ displayName: 'Daan de Vries', schoolType: 'havo' });
    expect((await api.recordings.list({ dialogueId: dialogue.id })).map((r) => r.id)).toEqual([recording.id]);

    // And the vault on disk opens again with everything in it, in a fresh host.
    await client.close();
    const reopened = new HostClient({
      spawn: forkNodeHost,
      config: { dataDir, appVersion: '0.0.0-test', deviceAvailable: false, validateResponses: true, scryptParams: TEST_SCRYPT },
      services: { saveTarget: { choose: async () => null }, folderPicker: { chooseFolder: async () => null } },
      onEvent: () => undefined,
    });
    clients.push(reopened);
    const again = createClient(createApi((channel, request) => reopened.dispatch(channel, request)));
    await again.vault.unlock({ passphrase: PASSPHRASE });
    expect((await again.students.list({})).map((s) => s.id).sort()).toEqual([student.id, second.id].sort());
  }, 90_000);
});
