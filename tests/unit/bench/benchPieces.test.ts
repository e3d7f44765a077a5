import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/core/backend';
import type { Figure } from '../../bench/figure';
import { dutchWords, seededRandom, stats, VOCABULARY } from '../../bench/syntheticText';
import { BENCH_PASSPHRASE, buildSyntheticVault } from '../../bench/syntheticVault';
import { markdownTable, textTable } from '../../bench/table';
import { clientFor } from '../../harness/clientFor';
import { tempDir } from '../helpers/tempDir';

// The benchmark's own pieces: if they were wrong, every figure would be.
describe('benchmark building blocks', () => {
  it('draws the same Zipf-distributed Dutch-like words every run', () => {
    const words = dutchWords(20_000, seededRandom(1));
    expect(words).toEqual(dutchWords(20_000, seededRandom(1)));
    expect(new Set(VOCABULARY).size).toBe(VOCABULARY.length);
    const count = (word: string) => words.filter((w) => w === word).length;
    // Rank 1 is drawn about ten times as often as rank 10, and rare words do occur.
    expect(count(VOCABULARY[0]!) / count(VOCABULARY[9]!)).toBeGreaterThan(5);
    expect(new Set(words).size).toBeGreaterThan(3_000);
  });

  it('takes the median and the 95th percentile of the samples', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(stats(samples)).toEqual({ median: 51, p95: 96, n: 100 });
  });

  it('builds an encrypted vault whose dialogues, tags and index the app reads back', async () => {
    const root = tempDir();
    const vault = await buildSyntheticVault(root, { name: 'small', students: 2, dialoguesPerStudent: 3, wordsPerDialogue: 300, tagsPerDialogue: 2 }, () => undefined);
    // Two students, the first with twice the dialogues, and the autosave draft.
    expect(vault.dialogues).toBe(6 + 3 + 1);
    expect(readFileSync(join(vault.dataDir, 'vault.db')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const backend = new Backend({ dataDir: vault.dataDir, appVersion: 'test' });
    try {
      const api = clientFor(backend);
      await api.vault.unlock({ passphrase: BENCH_PASSPHRASE });
      const { dialogues } = await api.students.overview({ id: vault.portfolioStudentId });
      expect(dialogues).toHaveLength(6);
      expect(dialogues.every((d) => d.annotationCount === 2 && d.wordCount >= 280)).toBe(true);
      const draft = await api.dialogues.get({ id: vault.autosaveDialogueId });
      expect(draft).toMatchObject({ status: 'draft' });
      expect(draft.wordCount).toBeGreaterThan(2_900);
      expect((await api.search.query({ query: VOCABULARY[0]! })).total).toBeGreaterThan(10);
    } finally {
      backend.close();
    }
  }, 60_000);

  it('prints each figure beside its baseline and says which targets are missed', () => {
    const figures: Figure[] = [
      { id: 'a', figure: 'search', unit: 'ms', value: { median: 12, p95: 30, n: 80 }, baseline: { label: 'bare', median: 10, p95: 20, n: 80 }, target: '≤ 1.5 × bare', met: true },
      { id: 'b', figure: 'backup', unit: 's', value: { median: 24.4, p95: 25, n: 2 }, baseline: null, target: 'reported', met: null },
      { id: 'c', figure: 'typing', unit: 'ms', value: { median: 40, p95: 61.2, n: 80 }, baseline: null, target: '≤ 50 ms p95', met: false },
    ];
    const text = textTable(figures);
    expect(text).toContain('12.0 ms / 30.0 ms');
    expect(text).toContain('1.50×');
    expect(text).toContain('24.40 s / 25.00 s');
    expect(text).toMatch(/typing.*MISSED/);
    expect(markdownTable(figures).split('\n')).toHaveLength(2 + figures.length);
  });
});
