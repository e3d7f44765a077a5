import { measureAutosave, measureBackup, measureKdf, measurePortfolio, measureSearch, measureStudentPage, measureUnlock } from './backendFigures';
import type { Figure } from './figure';
import { measureErasureStalls } from './erasureStalls';
import { measureForwarderStalls } from './forwarderStalls';
import type { SyntheticVault } from './syntheticVault';

/** What run.ts sends: the vaults to measure and a folder for copies, exports and backups. */
export interface BackendJob { vault: SyntheticVault; small: SyntheticVault | null; workDir: string }
export type BackendReport = { ok: true; figures: Figure[] } | { ok: false; error: string };

/**
 * The backend figures, in a process of their own so that its peak memory is the backend's
 * (with the vault open, after searching, exporting and backing up) and not the benchmark's.
 */
async function run(job: BackendJob): Promise<Figure[]> {
  const before = process.memoryUsage().rss;
  const figures: Figure[] = [];
  const step = async (name: string, fn: () => Promise<Figure | Figure[]>) => {
    const started = performance.now();
    const result = await fn();
    figures.push(...(Array.isArray(result) ? result : [result]));
    process.send?.({ progress: `  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB` });
  };
  await step('key derivation', () => measureKdf());
  await step('unlock', () => measureUnlock(job.vault, job.workDir));
  await step('student page', () => measureStudentPage(job.vault, job.small, job.workDir));
  // Before search and autosave: its RSS above idle is measured, and search leaves a large heap behind.
  await step('portfolio export', () => measurePortfolio(job.vault, job.workDir));
  await step('search', () => measureSearch(job.vault, job.workDir));
  await step('autosave', () => measureAutosave(job.vault, job.workDir));
  await step('backup', async () => {
    const { backup, blocked } = await measureBackup(job.vault, job.workDir);
    return [backup, blocked];
  });
  // Last: its host processes do not count towards this process's peak memory above.
  const peak = process.resourceUsage().maxRSS * 1024;
  await step('forwarder stalls (core in process vs behind the host)', () => measureForwarderStalls(job.vault, job.workDir));
  // On a copy of the vault (it erases students); after the peak above, like the forwarder's.
  await step('erasure stalls (scrub in its job vs on the host thread)', () => measureErasureStalls(job.vault, job.workDir));
  const mb = (bytes: number) => bytes / 2 ** 20;
  figures.push({
    id: 'memory', figure: 'peak memory (RSS) of the backend process', unit: 'MB',
    value: { median: mb(peak), p95: mb(peak), n: 1 }, baseline: { label: 'before unlocking', median: mb(before), p95: mb(before), n: 1 },
    target: 'reported', met: null,
  });
  return figures;
}

process.once('message', (job: BackendJob) => {
  run(job).then(
    (figures) => process.send?.({ report: { ok: true, figures } satisfies BackendReport }, () => process.exit(0)),
    (error: unknown) => process.send?.({ report: { ok: false, error: String((error as Error).stack ?? error) } satisfies BackendReport }, () => process.exit(1)),
  );
});
