import { parentPort, workerData } from 'node:worker_threads';
import { type RebuildStage, rebuildSearchIndex } from '../../search/searchIndex';
import type { JobProgressMessage } from '../limitedJob';
import { type VaultJobInput, withVaultConnection } from '../vaultConnection';

/**
 * Worker entry: rebuilds the search index on a connection of its own (one transaction), so that
 * the minute it takes at school scale never holds the thread that answers the mentor. The host's
 * connection keeps reading the old index (WAL) until the rebuild commits.
 */
export type SearchRebuildInput = VaultJobInput;

parentPort?.postMessage(withVaultConnection(workerData as SearchRebuildInput, (db) =>
  rebuildSearchIndex(db, (progress) => parentPort?.postMessage({ progress } satisfies JobProgressMessage<RebuildStage>))));
