import { sqliteModulePath } from '../db/connection';
import type { ErasureScrubInput } from '../jobs/entries/erasureScrub';
import { runJob } from '../jobs/limitedJob';
import type { Vault } from '../vault/vault';
import type { ScrubStage } from './scrubPending';

/** Runs the erasure scrub of the unlocked vault in the 'erasureScrub' job (see scrubPending.ts). */
export async function scrubInWorker(vault: Vault, nativeBinding: string | undefined, onStage?: (stage: ScrubStage) => void): Promise<void> {
  const { dataKey } = vault.keyMaterial();
  const key = new Uint8Array(dataKey);
  dataKey.fill(0);
  const input: ErasureScrubInput = { dbPath: vault.dbPath, key, nativeBinding: nativeBinding ?? null, modulePath: sqliteModulePath() };
  const running = runJob<null, ScrubStage>('erasureScrub', input, { maxHeapMb: 512, ...(onStage ? { onProgress: onStage } : {}) });
  key.fill(0);
  await running;
}
