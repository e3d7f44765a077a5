import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { Backend } from '../../electron/core/backend';
import { eraseStudent } from '../../electron/core/erasure/erasure';
import { handlers } from '../../electron/core/handlers';
import type { HandlerTable } from '../../electron/core/handlers/context';
import { clientFor } from '../harness/clientFor';
import { watchEventLoop } from './backendFigures';
import { type Figure, summarise } from './figure';
import { BENCH_PASSPHRASE, type SyntheticVault } from './syntheticVault';

/**
 * Issue 12: how long the host's thread stops during `erasure:erase`, with the scrub (FTS
 * optimize, checkpoint, VACUUM) in its job (the app now) beside the scrub on the host's own
 * thread (the handler before: eraseStudent, then the same backup step). Measured on a copy of
 * the synthetic vault, one student erased per round, the two sides alternating so that whatever
 * else the machine does hits both alike. No backup folder on the copy: the fresh backup after
 * an erasure runs in a worker either way and is measured elsewhere.
 */

const inThreadHandlers: HandlerTable = {
  ...handlers,
  'erasure:erase': async ({ studentId, confirmName }, ctx) => {
    eraseStudent(ctx.services().db, studentId, confirmName, ctx.now);
    if (!ctx.backups) return { ok: true, backup: null, backupError: 'BACKUP_FOLDER_UNSET', removedBackups: 0, removedSetAside: 0 };
    return { ok: true, ...(await ctx.backups.afterErasure()) };
  },
};

async function eraseOnce(dataDir: string, studentId: string, inThread: boolean): Promise<{ stall: number; ms: number }> {
  const backend = new Backend({ dataDir, appVersion: '0.0.0-bench', ...(inThread ? { handlerTable: inThreadHandlers } : {}) });
  try {
    const api = clientFor(backend);
    await api.vault.unlock({ passphrase: BENCH_PASSPHRASE });
    // Earlier figures chose a backup folder in this vault; the copy makes no backups.
    backend.vault.database().prepare(`DELETE FROM settings WHERE key = 'backup.folder'`).run();
    const { displayName } = await api.students.get({ id: studentId });
    const stop = watchEventLoop(5);
    const started = performance.now();
    await api.erasure.erase({ studentId, confirmName: displayName });
    const ms = performance.now() - started;
    return { stall: stop(), ms };
  } finally {
    backend.close();
  }
}

export async function measureErasureStalls(vault: SyntheticVault, workDir: string, rounds = 3): Promise<Figure[]> {
  const dataDir = join(workDir, 'erasure-vault');
  await cp(vault.dataDir, dataDir, { recursive: true });
  // The last students: the first two carry the portfolio and autosave figures' data (not needed here, but left alone).
  const victims = vault.studentIds.slice(-2 * rounds);
  const job: { stall: number; ms: number }[] = [];
  const inThread: { stall: number; ms: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    job.push(await eraseOnce(dataDir, victims[2 * round]!, false));
    inThread.push(await eraseOnce(dataDir, victims[2 * round + 1]!, true));
  }
  const value = summarise(job.map((r) => r.stall));
  const baseline = summarise(inThread.map((r) => r.stall));
  const ms = (runs: { ms: number }[]) => summarise(runs.map((r) => r.ms)).median.toFixed(0);
  return [{
    id: 'stall-erasure', figure: 'longest stall of the host\'s thread during erasure:erase (scrub in its job)', unit: 'ms', value,
    baseline: { label: 'scrub on the host\'s thread (before)', ...baseline }, target: '≤ 50 ms', met: value.p95 <= 50,
    note: `erasure answered in ${ms(job)} ms (job) vs ${ms(inThread)} ms (in-thread), median of ${rounds}`,
  }];
}
