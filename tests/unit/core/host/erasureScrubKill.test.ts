import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/connection';
import { isScrubPending } from '../../../../electron/core/erasure/scrubPending';
import { HostClient } from '../../../../electron/core/host/hostClient';
import type { HostProcess } from '../../../../electron/core/host/protocol';
import { Vault } from '../../../../electron/core/vault/vault';
import { createApi, createClient } from '../../../../shared/api';
import { RECORDER_MIME } from '../../../../shared/recordingSchemas';
import { HOST_ENTRY } from '../../../harness/nodeHost';
import { PASSPHRASE, TEST_SCRYPT } from '../../helpers/core';
import { docFor, leaf, paragraph } from '../../helpers/dialogues';
import { decryptedPages, tracesIn } from '../../helpers/sqlcipherPages';
import { tempDir } from '../../helpers/tempDir';

// Issue 12: the host SIGKILLed while the erasure's scrub runs in its job; the next unlock
// finishes the scrub, and then no byte of the student is left in vault.db or its WAL.

const NAME = 'Killquokka Vlinderdóttir';
const SECRET = 'Killtekstnarwal73';

const clients: HostClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

/** The log events of every host started, read from its stderr (where the host's log goes). */
interface Watched { events: { event: string; [field: string]: unknown }[] }

/** forkNodeHost with the host's stderr read line by line, so a test can act on a logged stage. */
function watchedHost(watched: Watched, onEvent: (event: Watched['events'][number]) => void): () => HostProcess {
  return () => {
    const child = fork(HOST_ENTRY, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        process.stderr.write(`${line}\n`);
        return;
      }
      if (!parsed || typeof parsed !== 'object' || typeof (parsed as { event?: unknown }).event !== 'string') return;
      const event = parsed as Watched['events'][number];
      watched.events.push(event);
      onEvent(event);
    });
    return {
      post: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        if (child.exitCode !== null || child.signalCode !== null) listener(child.exitCode);
        else child.once('exit', (code) => listener(code));
      },
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  };
}

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a host killed during the erasure scrub', () => {
  it('leaves the scrub pending; the next unlock finishes it and the student is gone from every page', async () => {
    const dataDir = tempDir();
    // The vault is made here first, so that this test holds the data key to read its pages.
    const own = new Vault({ dataDir, appVersion: '0.0.0-test', scryptParams: TEST_SCRYPT });
    await own.create(PASSPHRASE);
    const { dataKey } = own.keyMaterial();
    own.lock();

    const watched: Watched = { events: [] };
    let killOnStage: string | null = 'optimized';
    const client: HostClient = new HostClient({
      spawn: watchedHost(watched, (event) => {
        // The first stage the job reports: the search index is rewritten, VACUUM is next.
        if (event.event === 'erasure.scrub_stage' && event.stage === killOnStage) {
          killOnStage = null;
          client.killHost();
        }
      }),
      config: { dataDir, appVersion: '0.0.0-test', deviceAvailable: false, validateResponses: true, scryptParams: TEST_SCRYPT },
      services: { saveTarget: { choose: async () => null }, folderPicker: { chooseFolder: async () => null } },
      onEvent: () => undefined,
    });
    clients.push(client);
    const api = createClient(createApi((channel, request) => client.dispatch(channel, request)));
    await api.vault.unlock({ passphrase: PASSPHRASE });

    const template = (await api.templates.list({})).find((t) => t.builtinKey)!;
    const kept = await api.students.create({ displayName: 'Blijvende Bertha', schoolType: 'havo' });
    // Ballast (a recording of the other student, 24 MB of random bytes), so that VACUUM takes a while.
    const keptDialogue = await api.dialogues.create({ studentId: kept.id, templateVersionId: template.id, heldOn: '2026-11-02', title: 'Gesprek', participants: [] });
    await api.consent.register({ studentId: kept.id, givenOn: '2026-11-02', givenBy: 'student', purpose: 'Verslag' });
    const recording = await api.recordings.start({ dialogueId: keptDialogue.id, mime: RECORDER_MIME });
    for (let seq = 0; seq < 24; seq++) {
      await api.recordings.appendChunk({ recordingId: recording.id, seq, bytes: new Uint8Array(randomBytes(1024 * 1024)), elapsedMs: (seq + 1) * 1000 });
    }
    await api.recordings.finish({ recordingId: recording.id, durationMs: 24_000 });

    const student = await api.students.create({ displayName: NAME, schoolType: 'havo' });
    const dialogue = await api.dialogues.create({ studentId: student.id, templateVersionId: template.id, heldOn: '2026-11-02', title: 'Gesprek', participants: [] });
    await api.dialogues.save({ id: dialogue.id, revision: dialogue.revision, content: docFor(template, { [template.sections[0]!.key]: [paragraph(leaf(`${SECRET} wil piloot worden`))] }) });

    let answered = false;
    const erasure = api.erasure.erase({ studentId: student.id, confirmName: NAME }).then(() => { answered = true; }, (error: unknown) => error);
    const failure = await erasure;
    // Killed before it answered: the erasure committed, the scrub did not finish.
    expect(answered).toBe(false);
    expect((failure as { code?: string }).code).toBe('HOST_DOWN');
    expect(watched.events.some((event) => event.event === 'erasure.scrubbed')).toBe(false);

    // Between the kill and the next unlock, the vault still says a scrub is owed.
    const between = openDatabase(join(dataDir, 'vault.db'), { key: Buffer.from(dataKey), readonly: true });
    try {
      expect(isScrubPending(between)).toBe(true);
      expect(between.prepare('SELECT count(*) FROM students WHERE id = ?').pluck().get(student.id)).toBe(0);
    } finally {
      between.close();
    }

    // A fresh host comes up locked; the unlock resumes the scrub.
    expect((await api.vault.status()).state).toBe('locked');
    await api.vault.unlock({ passphrase: PASSPHRASE });
    await until(() => watched.events.some((event) => event.event === 'erasure.scrubbed' && event.reason === 'resumed'));

    // While the host still has it open: no byte of the student in any page or WAL frame.
    const pages = decryptedPages(join(dataDir, 'vault.db'), dataKey);
    expect(tracesIn(pages, [NAME, SECRET])).toEqual([]);
    expect(tracesIn(pages, ['Blijvende Bertha'])).toHaveLength(1);
    expect((await api.students.list({})).map((s) => s.displayName)).toEqual(['Blijvende Bertha']);
    expect((await api.recordings.read({ recordingId: recording.id })).bytes.byteLength).toBe(24 * 1024 * 1024);

    await client.close();
    const after = openDatabase(join(dataDir, 'vault.db'), { key: Buffer.from(dataKey), readonly: true });
    try {
      expect(isScrubPending(after)).toBe(false);
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      after.close();
    }
    dataKey.fill(0);
  }, 180_000);
});
