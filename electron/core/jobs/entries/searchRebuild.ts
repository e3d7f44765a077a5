import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { openDatabase, type Db } from '../../db/connection';
import { type RebuildStage, rebuildSearchIndex } from '../../search/searchIndex';
import type { JobProgressMessage, JobReply } from '../limitedJob';

/**
 * Worker entry: rebuilds the search index on a connection of its own (one transaction), so that
 * the minute it takes at school scale never holds the thread that answers the mentor. The host's
 * connection keeps reading the old index (WAL) until the rebuild commits.
 */
export interface SearchRebuildInput {
  dbPath: string;
  /** The raw data key, copied for this worker; zeroed here once the connection has it. */
  key: Uint8Array;
  nativeBinding: string | null;
  modulePath: string;
}

function run(input: SearchRebuildInput): JobReply {
  const key = Buffer.from(input.key.buffer, input.key.byteOffset, input.key.byteLength);
  let db: Db | undefined;
  try {
    db = openDatabase(input.dbPath, { key, nativeBinding: input.nativeBinding ?? undefined, modulePath: input.modulePath });
    key.fill(0);
    const indexed = rebuildSearchIndex(db, (progress) => parentPort?.postMessage({ progress } satisfies JobProgressMessage<RebuildStage>));
    return { ok: true, value: indexed };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
    const code = (error as { code?: unknown })?.code;
    return { ok: false, error: { code: 'INTERNAL', ...(typeof code === 'string' ? { params: { cause: code } } : {}) } };
  } finally {
    key.fill(0);
    db?.close();
  }
}

parentPort?.postMessage(run(workerData as SearchRebuildInput));
