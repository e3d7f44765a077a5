import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Api } from '../../shared/api';
import type { DialogueDoc, ParagraphNode } from '../../shared/editorDoc';
import { Backend } from '../../electron/core/backend';
import { openDatabase, type Db } from '../../electron/core/db/connection';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { StudentRepository } from '../../electron/core/repositories/studentRepository';
import { toFtsQuery } from '../../electron/core/search/ftsQuery';
import { derivePassphraseKey, SCRYPT_PARAMS } from '../../electron/core/vault/keyWrap';
import { VAULT_DB_FILE } from '../../electron/core/vault/vault';
import { clientFor } from '../harness/clientFor';
import { fixedFolderPicker, folderSaveTarget } from '../harness/folderSaveTarget';
import { type Figure, sampleMs, sampleMsPaired, summarise, withLabel } from './figure';
import { BENCH_PASSPHRASE, type SyntheticVault } from './syntheticVault';
import { VOCABULARY } from './syntheticText';

/** A backend on the vault, unlocked, with the renderer's typed client over it. */
async function unlockedBackend(vault: SyntheticVault, workDir: string): Promise<{ backend: Backend; api: Api }> {
  const backend = new Backend({
    dataDir: vault.dataDir, appVersion: '0.0.0-bench',
    saveTarget: folderSaveTarget(join(workDir, 'exports')), folderPicker: fixedFolderPicker(join(workDir, 'backups')),
  });
  const api = clientFor(backend);
  await api.vault.unlock({ passphrase: BENCH_PASSPHRASE });
  return { backend, api };
}

export function kdfFigure(samples: number[]): Figure {
  const value = summarise(samples);
  return {
    id: 'kdf', figure: `passphrase key derivation (scrypt N=2^${Math.log2(SCRYPT_PARAMS.N)}, r=${SCRYPT_PARAMS.r}, p=${SCRYPT_PARAMS.p})`,
    unit: 'ms', value, baseline: null, target: '250 ms – 1 s', met: value.median >= 250 && value.median <= 1000,
  };
}

export async function measureKdf(): Promise<Figure> {
  const salt = randomBytes(16);
  return kdfFigure(await sampleMs(7, () => derivePassphraseKey(BENCH_PASSPHRASE, salt, SCRYPT_PARAMS), 1));
}

/** What unlocking does once the passphrase has given the data key: open, check, migrate, list the students. */
function openAndFirstQuery(path: string, key: Buffer | null): void {
  const db: Db = openDatabase(path, { key });
  try {
    schemaVersion(db);
    db.prepare('SELECT vault_id FROM vault_meta WHERE id = 1').pluck().get();
    migrate(db);
    new StudentRepository(db).list(false);
  } finally {
    db.close();
  }
}

/** An unencrypted copy of the vault (rekeyed to nothing), for the baseline of opening. */
async function plainCopy(vault: SyntheticVault, dataKey: Buffer, workDir: string): Promise<string> {
  const dir = join(workDir, 'plain');
  await mkdir(dir, { recursive: true });
  const path = join(dir, VAULT_DB_FILE);
  await copyFile(join(vault.dataDir, VAULT_DB_FILE), path);
  const child = fork(join(import.meta.dirname, 'plainCopyProcess.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const answer = await new Promise<{ ok: boolean; error?: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { ok: boolean; error?: string }));
    child.once('exit', (code) => reject(new Error(`plain copy process exited with ${code}`)));
    child.send({ path, keyHex: dataKey.toString('hex') });
  });
  if (!answer.ok) throw new Error(answer.error);
  return path;
}

export async function measureUnlock(vault: SyntheticVault, workDir: string): Promise<Figure> {
  const { backend } = await unlockedBackend(vault, workDir);
  const { dataKey } = backend.vault.keyMaterial();
  backend.close();
  try {
    const plain = await plainCopy(vault, dataKey, workDir);
    const [encrypted, unencrypted] = await sampleMsPaired(
      30, () => openAndFirstQuery(join(vault.dataDir, VAULT_DB_FILE), dataKey), () => openAndFirstQuery(plain, null), 3,
    );
    await rm(join(workDir, 'plain'), { recursive: true, force: true });
    const value = summarise(encrypted);
    const baseline = withLabel('unencrypted copy', unencrypted);
    return {
      id: 'unlock', figure: 'unlock: open with the data key + first query (student list)', unit: 'ms', value, baseline,
      target: '≤ 50 ms median, ≤ 1.5 × unencrypted', met: value.median <= 50 && value.median <= 1.5 * baseline.median,
    };
  } finally {
    dataKey.fill(0);
  }
}

/**
 * The three calls the student page makes when it opens, for a student not yet opened since the
 * unlock: each round unlocks afresh (an empty page cache) and opens ten students once. Visiting
 * the same few students again and again would compare a warm cache at small scale (ten
 * students) with a cold one at school scale, which measures the cache, not the vault's size.
 */
async function studentPageMs(vault: SyntheticVault, workDir: string, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  // Round 0 warms the code (JIT), not the data; it is not recorded.
  for (let round = 0; round <= rounds; round++) {
    const { backend, api } = await unlockedBackend(vault, workDir);
    try {
      for (let visit = 0; visit < 10; visit++) {
        const id = vault.studentIds[(next++ * 7919) % vault.studentIds.length]!;
        const start = performance.now();
        await api.students.get({ id });
        await api.students.overview({ id });
        await api.students.timeline({ id });
        if (round > 0) samples.push(performance.now() - start);
      }
    } finally {
      backend.close();
    }
  }
  return samples;
}

export async function measureStudentPage(vault: SyntheticVault, small: SyntheticVault | null, workDir: string): Promise<Figure> {
  const value = summarise(await studentPageMs(vault, workDir, 20));
  const baseline = small ? withLabel('same at small scale', await studentPageMs(small, workDir, 20)) : null;
  return {
    id: 'studentPage', figure: 'student page, first opening after unlock (get + overview + timeline)', unit: 'ms', value, baseline,
    target: '≤ 10 ms p95 at school, ≤ 1.5 × small', met: baseline ? value.p95 <= 10 && value.p95 <= 1.5 * baseline.p95 : value.p95 <= 10,
    ...(baseline ? {} : { note: 'the ratio needs --scale school' }),
  };
}

/**
 * What mentors type: frequent and rare words, a prefix, two words, a phrase. The words are
 * taken by rank from the vocabulary, so they are in the vault at every scale.
 */
export const SEARCH_QUERIES = [
  'stage', 'dilemma', VOCABULARY[300]!, VOCABULARY[3_000]!, VOCABULARY[15_000]!, 'roos', 'stage dilemma',
  `"goed werk"`, `${VOCABULARY[120]!} ${VOCABULARY[800]!}`, 'verantwoordelijk',
];

export async function measureSearch(vault: SyntheticVault, workDir: string): Promise<Figure[]> {
  const { backend, api } = await unlockedBackend(vault, workDir);
  try {
    const db = backend.vault.database();
    const bare = db.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 50');
    // The same restriction to one student's rows, in its plainest form.
    const bareStudent = db.prepare(`SELECT rowid FROM search_index WHERE search_index MATCH ?
      AND +rowid IN (SELECT id FROM search_docs WHERE student_id = ?) ORDER BY rank LIMIT 50`);
    const app: number[] = [];
    const baseline: number[] = [];
    const appStudent: number[] = [];
    const baselineStudent: number[] = [];
    for (let round = 0; round < 8; round++) {
      const studentId = vault.studentIds[(round * 7919 + 13) % vault.studentIds.length]!;
      for (const query of SEARCH_QUERIES) {
        const match = toFtsQuery(query).match!;
        const [a, b] = await sampleMsPaired(1, () => api.search.query({ query, order: 'best', limit: 50 }), () => bare.all(match), round === 0 ? 1 : 0);
        app.push(...a);
        baseline.push(...b);
        const [c, d] = await sampleMsPaired(1, () => api.search.query({ query, studentId, order: 'best', limit: 50 }), () => bareStudent.all(match, studentId), round === 0 ? 1 : 0);
        appStudent.push(...c);
        baselineStudent.push(...d);
      }
    }
    const value = summarise(app);
    const base = withLabel('bare FTS5 MATCH … ORDER BY rank LIMIT 50', baseline);
    const student = summarise(appStudent);
    const baseStudent = withLabel('bare FTS5, same student restriction', baselineStudent);
    return [{
      id: 'search', figure: `full-text search through the handler (${SEARCH_QUERIES.length} queries × 8)`, unit: 'ms', value, baseline: base,
      target: '≤ 50 ms p95, ≤ 1.5 × bare FTS5', met: value.p95 <= 50 && value.p95 <= 1.5 * base.p95,
    }, {
      id: 'searchStudent', figure: 'the same searches within one student', unit: 'ms', value: student, baseline: baseStudent,
      target: '≤ 50 ms p95, ≤ 1.5 × bare FTS5', met: student.p95 <= 50 && student.p95 <= 1.5 * baseStudent.p95,
    }];
  } finally {
    backend.close();
  }
}

/** The document with one more word in turn `turn`: what the editor sends after a few keystrokes. */
function withWordAdded(doc: DialogueDoc, turn: number, word: string): DialogueDoc {
  const [first, ...rest] = doc;
  const children = first!.children.map((block, index) => {
    if (index !== turn % first!.children.length || block.type !== 'paragraph') return block;
    const paragraph: ParagraphNode = block;
    const last = paragraph.children.at(-1)!;
    return { ...paragraph, children: [...paragraph.children.slice(0, -1), { ...last, text: `${last.text} ${word}` }] };
  });
  return [{ ...first!, children }, ...rest];
}

export async function measureAutosave(vault: SyntheticVault, workDir: string): Promise<Figure> {
  const { backend, api } = await unlockedBackend(vault, workDir);
  try {
    const dialogue = await api.dialogues.get({ id: vault.autosaveDialogueId });
    let content = dialogue.content as DialogueDoc;
    let revision = dialogue.revision;
    const db = backend.vault.database();
    const bareWrite = db.prepare('UPDATE dialogues SET content = ?, revision = revision + 1 WHERE id = ?');
    const [saves, writes] = await sampleMsPaired(60, async () => {
      content = withWordAdded(content, revision, VOCABULARY[revision % 500]!);
      const saved = await api.dialogues.save({ id: dialogue.id, revision, content });
      revision = saved.revision;
    }, () => {
      // The same document written as one row, in a transaction of its own: the floor of any save.
      db.transaction(() => bareWrite.run(JSON.stringify(content), dialogue.id))();
      revision += 1;
    }, 3);
    const value = summarise(saves);
    return {
      id: 'autosave', figure: `autosave of a ${dialogue.wordCount.toLocaleString('en')}-word dialogue, incl. search index`, unit: 'ms', value,
      baseline: withLabel('writing the document row alone', writes), target: '≤ 20 ms p95', met: value.p95 <= 20,
    };
  } finally {
    backend.close();
  }
}

/**
 * The 40-dialogue portfolio export through the handler (read, build in the warm docx worker,
 * write), beside one dialogue summary; and the process's RSS above idle while it runs, sampled
 * every 5 ms (the worker is a thread of this process, so its heap counts), beside the same
 * sampling while the vault stays open and idle as long.
 */
export async function measurePortfolio(vault: SyntheticVault, workDir: string): Promise<Figure[]> {
  const { backend, api } = await unlockedBackend(vault, workDir);
  try {
    const studentId = vault.portfolioStudentId;
    const period = { studentId, from: '2000-01-01', to: '2099-12-31' };
    const preview = await api.export.portfolioPreview(period);
    const summaries = await api.dialogues.list({ studentId });
    const idleGrowth = await rssGrowthDuring(() => new Promise((resolve) => setTimeout(resolve, 1_000)));
    // The first export, before any warm-up: it also starts the docx worker, whose memory counts.
    const exportGrowth = await rssGrowthDuring(() => api.export.portfolio(period));
    const [portfolio, single] = await sampleMsPaired(5, () => api.export.portfolio(period),
      () => api.export.dialogue({ dialogueId: summaries[0]!.id }), 1);
    const value = summarise(portfolio);
    const mb = (bytes: number) => bytes / 2 ** 20;
    return [{
      id: 'portfolio', figure: `Word export of a ${preview.dialogues}-dialogue portfolio`, unit: 'ms', value,
      baseline: withLabel('Word export of one dialogue summary', single), target: '≤ 0.5 s', met: value.p95 <= 500,
    }, {
      id: 'portfolioMemory', figure: `peak memory (RSS) above idle during a ${preview.dialogues}-dialogue portfolio export (the first, starting the docx worker)`, unit: 'MB',
      value: { median: mb(exportGrowth), p95: mb(exportGrowth), n: 1 },
      baseline: { label: 'the same vault open and idle for 1 s', median: mb(idleGrowth), p95: mb(idleGrowth), n: 1 },
      target: '≤ 150 MB', met: mb(exportGrowth) <= 150,
    }];
  } finally {
    backend.close();
  }
}

/** The highest RSS while `work` runs, sampled every 5 ms, minus the RSS just before it. */
async function rssGrowthDuring(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(0, Math.max(peak, process.memoryUsage.rss()) - before);
}

/** Longest stretch in which a `periodMs` timer could not run: how long the event loop was blocked. */
export function watchEventLoop(periodMs = 10): () => number {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - periodMs);
    last = now;
  }, periodMs);
  const histogram = monitorEventLoopDelay({ resolution: periodMs });
  histogram.enable();
  return () => {
    clearInterval(timer);
    histogram.disable();
    return Math.max(0, longest, histogram.max / 1e6 - periodMs);
  };
}

export async function measureBackup(vault: SyntheticVault, workDir: string): Promise<{ backup: Figure; blocked: Figure }> {
  const { backend, api } = await unlockedBackend(vault, workDir);
  const folder = join(workDir, 'backups');
  try {
    await api.backups.chooseFolder();
    const dbPath = join(vault.dataDir, VAULT_DB_FILE);
    const bytes = (await stat(dbPath)).size;
    const copies: number[] = [];
    const runs: number[] = [];
    const blocks: number[] = [];
    for (let index = 0; index < 2; index++) {
      const copyStart = performance.now();
      await copyFile(dbPath, join(workDir, 'copy.db'));
      copies.push(performance.now() - copyStart);
      await rm(join(workDir, 'copy.db'));
      const stop = watchEventLoop();
      const start = performance.now();
      await api.backups.run();
      runs.push(performance.now() - start);
      blocks.push(stop());
    }
    await rm(folder, { recursive: true, force: true });
    const blocked = summarise(blocks);
    return {
      backup: {
        id: 'backup', figure: `backup + verify of the vault (${(bytes / 2 ** 20).toFixed(0)} MB)`, unit: 's',
        value: scaleSample(summarise(runs), 1 / 1000), baseline: { ...scaleSample(summarise(copies), 1 / 1000), label: 'copying the file' },
        target: 'reported', met: null,
      },
      blocked: {
        id: 'backupBlocked', figure: 'longest event-loop block during backup + verify', unit: 'ms', value: blocked, baseline: null,
        target: '≤ 100 ms', met: blocked.p95 <= 100,
      },
    };
  } finally {
    backend.close();
  }
}

function scaleSample<T extends { median: number; p95: number }>(sample: T, factor: number): T {
  return { ...sample, median: sample.median * factor, p95: sample.p95 * factor };
}
