import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { parseClassList } from '../../classList/parseClassList';
import type { JobReply } from '../limitedJob';

/** Worker entry: one class list file (CSV or .xlsx) → its header and rows, or the AppError that refused it. */
interface Input {
  fileName: string;
  bytes: Uint8Array;
  /** The .xlsx sheet to read; null for the first visible one with data. */
  sheet?: string | null;
}

async function run(input: Input): Promise<JobReply> {
  try {
    const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    return { ok: true, value: await parseClassList(input.fileName, bytes, input.sheet ?? null) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
    return { ok: false, error: { code: 'INTERNAL' } };
  }
}

void run(workerData as Input).then((reply) => parentPort?.postMessage(reply));
