import { parentPort, workerData } from 'node:worker_threads';
import { migrate, type MigrationProgress } from '../../db/migrate';
import type { JobProgressMessage } from '../limitedJob';
import { type VaultJobInput, withVaultConnection } from '../vaultConnection';

/**
 * Worker entry: brings the vault's schema to the latest version on a connection of its own, so
 * that a long step (0004 rebuilds the search index: 45 s at school scale) never holds the thread
 * that answers requests. Progress goes to the parent as it comes; each step commits with its
 * version bump, so a worker (or a whole process) killed midway leaves a whole version behind.
 */
export type MigrateJobInput = VaultJobInput;

export interface MigrateJobResult { from: number; to: number }

parentPort?.postMessage(withVaultConnection(workerData as MigrateJobInput, (db): MigrateJobResult => migrate(db, {
  onProgress: (progress) => parentPort?.postMessage({ progress } satisfies JobProgressMessage<MigrationProgress>),
})));
