import { sqliteModulePath } from '../db/connection';
import type { RekeyCopyInput, RekeyCopyResult } from '../jobs/entries/rekeyCopy';
import { runJob } from '../jobs/limitedJob';

/**
 * Re-encrypts a database file that is not open anywhere (an extracted backup, a set-aside copy)
 * from key `from` to key `to`, in a worker (jobs/entries/rekeyCopy.ts), and checks the result.
 * The keys are copied for the worker and the copies zeroed; the caller keeps its own.
 */
export async function rekeyCopy(path: string, from: Buffer, to: Buffer, nativeBinding?: string): Promise<RekeyCopyResult> {
  const input: RekeyCopyInput = {
    path, from: new Uint8Array(from), to: new Uint8Array(to), nativeBinding: nativeBinding ?? null, modulePath: sqliteModulePath(),
  };
  try {
    // No heap cap or deadline: the file is the mentor's own, already verified, and may be large.
    return await runJob<RekeyCopyResult>('rekeyCopy', input, { outOfMemoryCode: 'INTERNAL' });
  } finally {
    input.from.fill(0);
    input.to.fill(0);
  }
}
