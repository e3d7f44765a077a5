import { parentPort, workerData } from 'node:worker_threads';
import { runErasureScrub, type ScrubStage } from '../../erasure/scrubPending';
import type { JobProgressMessage } from '../limitedJob';
import { type VaultJobInput, withVaultConnection } from '../vaultConnection';

/**
 * Worker entry (issue 12): the scrub after an erasure on a connection of its own, so that the
 * seconds VACUUM takes at school scale never hold the host's thread. Host reads go on from
 * their WAL snapshot meanwhile.
 */
export type ErasureScrubInput = VaultJobInput;

parentPort?.postMessage(withVaultConnection(workerData as ErasureScrubInput, (db) => {
  runErasureScrub(db, (progress) => parentPort?.postMessage({ progress } satisfies JobProgressMessage<ScrubStage>));
  return null;
}));
