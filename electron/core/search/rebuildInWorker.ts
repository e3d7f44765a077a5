import { sqliteModulePath } from '../db/connection';
import type { SearchRebuildInput } from '../jobs/entries/searchRebuild';
import { runJob } from '../jobs/limitedJob';
import type { Vault } from '../vault/vault';
import type { RebuildStage } from './searchIndex';

/** Rebuilds the unlocked vault's search index in the 'searchRebuild' job; resolves to the row count. */
export async function rebuildSearchIndexInWorker(vault: Vault, nativeBinding: string | undefined, onProgress?: (stage: RebuildStage) => void): Promise<number> {
  const { dataKey } = vault.keyMaterial();
  const key = new Uint8Array(dataKey);
  dataKey.fill(0);
  const input: SearchRebuildInput = { dbPath: vault.dbPath, key, nativeBinding: nativeBinding ?? null, modulePath: sqliteModulePath() };
  const running = runJob<number, RebuildStage>('searchRebuild', input, { maxHeapMb: 2048, ...(onProgress ? { onProgress } : {}) });
  key.fill(0);
  return running;
}
