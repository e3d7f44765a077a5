import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend } from '../../electron/core/backend';
import { admitScryptParams } from '../../electron/core/vault/keyWrap';
import { catalogs } from '../../shared/i18n';
import { RECORDER_MIME } from '../../shared/recordingSchemas';
import { startHarness } from '../harness/harness';
import { DialoguePage } from '../harness/pages/DialoguePage';
import { VaultPages } from '../harness/pages/VaultPages';
import { spokenDutchWav } from '../harness/spokenWav';
import { type Figure, summarise } from './figure';
import { idleFor, startWatch, stopWatch } from './rendererStalls';
import { BENCH_PASSPHRASE } from './syntheticVault';

/**
 * Issue 17's two figures:
 * - audio storage overhead: how much the encrypted vault file grows for a recording, against the
 *   encoded bytes, with the app's layout (chunks appended into 256 KB segments, each chunk its own
 *   commit) beside the naive layout of one row per chunk in the same vault and run;
 * - the renderer's longest stall while recording through the real UI with Chromium's fake
 *   microphone, beside the same page idle as long.
 */

const SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
/** A second of Opus at 32 kbit/s, as the recorder sends it. */
const CHUNK_BYTES = 4000;

function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

async function call<T>(backend: Backend, channel: string, request: unknown): Promise<T> {
  const result = await backend.dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as T;
}

/** `minutes` of chunks through recordings:appendChunk; returns the vault's growth and the encoded bytes. */
export async function measureAudioOverhead(minutes = 10): Promise<Figure> {
  admitScryptParams(SCRYPT);
  const dataDir = await mkdtemp(join(tmpdir(), 'loopbaandialoog-audio-'));
  const backend = new Backend({ dataDir, appVersion: '0.0.0-bench', scryptParams: SCRYPT });
  try {
    await call(backend, 'vault:create', { passphrase: BENCH_PASSPHRASE });
    const student = await call<{ id: string }>(backend, 'students:create', { displayName: 'Bench', schoolType: 'havo' });
    const templates = await call<{ id: string; builtinKey: string | null }[]>(backend, 'templates:list', {});
    const dialogue = await call<{ id: string }>(backend, 'dialogues:create', {
      studentId: student.id, templateVersionId: templates.find((t) => t.builtinKey)!.id, heldOn: '2026-11-30', title: '', participants: [],
    });
    await call(backend, 'consent:register', { studentId: student.id, givenOn: '2026-11-30', givenBy: 'student', purpose: 'bench' });
    const db = backend.vault.database();
    const vaultFile = join(dataDir, 'vault.db');
    const settle = () => { db.pragma('wal_checkpoint(TRUNCATE)'); return fileBytes(vaultFile) + fileBytes(`${vaultFile}-wal`); };
    // Opus does not compress further, and neither does the cipher: random bytes stand in for it.
    const chunks = Array.from({ length: minutes * 60 }, (_, i) => new Uint8Array(randomBytes(CHUNK_BYTES + ((i * 37) % 200) - 100)));
    const encoded = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);

    const before = settle();
    const started = performance.now();
    const recording = await call<{ id: string }>(backend, 'recordings:start', { dialogueId: dialogue.id, mime: RECORDER_MIME });
    for (const [seq, bytes] of chunks.entries()) await call(backend, 'recordings:appendChunk', { recordingId: recording.id, seq, bytes });
    await call(backend, 'recordings:finish', { recordingId: recording.id, durationMs: minutes * 60_000 });
    const appendMs = (performance.now() - started) / chunks.length;
    const grown = settle() - before;

    // The naive layout, same vault, same bytes: a row per chunk, each its own commit.
    db.exec('CREATE TABLE bench_naive_chunks (recording_id TEXT NOT NULL, seq INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (recording_id, seq)) STRICT');
    const naiveBefore = settle();
    const insert = db.prepare('INSERT INTO bench_naive_chunks (recording_id, seq, bytes) VALUES (?, ?, ?)');
    for (const [seq, bytes] of chunks.entries()) db.transaction(() => insert.run(recording.id, seq, Buffer.from(bytes)))();
    const naiveGrown = settle() - naiveBefore;

    const mb = (bytes: number) => bytes / 2 ** 20;
    const overhead = grown / encoded - 1;
    return {
      id: 'audioOverhead', figure: `vault growth for ${minutes} min of audio (${chunks.length} chunks of ~4 KB, ${mb(encoded).toFixed(2)} MB encoded)`, unit: 'MB',
      value: { median: mb(grown), p95: mb(grown), n: 1 },
      baseline: { label: 'one row per chunk, same vault', median: mb(naiveGrown), p95: mb(naiveGrown), n: 1 },
      target: '≤ 5 % over the encoded size', met: overhead <= 0.05,
      note: `overhead ${(overhead * 100).toFixed(1)} % (one row per chunk: ${((naiveGrown / encoded - 1) * 100).toFixed(1)} %); ${appendMs.toFixed(1)} ms per committed chunk`,
    };
  } finally {
    backend.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Records `seconds` through the UI, `rounds` times; the longest renderer stall each time, and the idle page as long. */
export async function measureRecordingStalls(rounds = 3, seconds = 10): Promise<Figure[]> {
  const root = await mkdtemp(join(tmpdir(), 'loopbaandialoog-recstall-'));
  const microphone = spokenDutchWav(root);
  if ('missing' in microphone) {
    console.log(`  recording stall left out: ${microphone.missing}`);
    await rm(root, { recursive: true, force: true });
    return [];
  }
  const nl = catalogs.nl;
  const harness = await startHarness({ profileDir: join(root, 'profile'), backend: { scryptParams: SCRYPT }, fakeMicrophone: microphone.wav, viewport: { width: 1366, height: 768 } });
  try {
    const page = harness.page;
    const vault = new VaultPages(page);
    await vault.waitForCreate();
    await vault.typeNewPassphrase(BENCH_PASSPHRASE);
    await vault.submitCreate();
    await vault.confirmRecoveryKey();
    const student = await harness.backend.dispatch('students:create', { displayName: 'Bench Leerling', schoolType: 'havo' }) as { ok: true; value: { id: string } };
    await harness.backend.dispatch('consent:register', { studentId: student.value.id, givenOn: '2026-11-30', givenBy: 'student', purpose: 'bench' });
    await page.reload();
    const d = new DialoguePage(page);
    await d.openStudent('Bench Leerling');
    await d.newDialogue('Externe dialoog — loopbaangesprek', { title: 'Bench' });
    const panel = page.locator('.recorder-panel');
    const values: number[] = [];
    const baselines: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await panel.getByRole('button', { name: nl.recording.recorder.record }).click();
      await page.getByTestId('recording-indicator').getByText(nl.recording.recorder.recording).waitFor();
      await startWatch(page);
      const started = performance.now();
      await page.waitForTimeout(seconds * 1000);
      await panel.getByRole('button', { name: nl.recording.recorder.stop }).click();
      await page.getByTestId('recording-indicator').waitFor({ state: 'detached' });
      values.push(await stopWatch(page));
      baselines.push(await idleFor(page, performance.now() - started));
    }
    const value = summarise(values);
    return [{
      id: 'rendererStall-recording', figure: `longest stall of the renderer's main thread while recording ${seconds} s (chunk a second, through the harness binding)`,
      unit: 'ms', value, baseline: { label: 'the same page idle as long', ...summarise(baselines) }, target: '≤ 16 ms', met: value.p95 <= 16,
    }];
  } finally {
    await harness.close();
    await rm(root, { recursive: true, force: true });
  }
}
