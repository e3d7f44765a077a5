import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { openHandover } from '../../handover/handoverFile';
import { parseSnapshot, type StudentSnapshot } from '../../handover/studentSnapshot';
import { admitScryptParams, type ScryptParams } from '../../vault/keyWrap';
import type { JobReply } from '../limitedJob';

/**
 * Worker entry: a handover file (untrusted, already bounded in size by the host) and its transfer
 * passphrase → the checked snapshot, or the AppError that refused it. Decrypting, unpacking,
 * JSON.parse and the schema all run here, under the job's heap cap and deadline.
 */
interface Input {
  bytes: Uint8Array;
  passphrase: string;
  /** The transfer cost the host itself writes (an option, never read from a file); tests lower it. */
  ownCost: ScryptParams;
}

async function run(input: Input): Promise<JobReply> {
  try {
    admitScryptParams(input.ownCost);
    const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    const text = await openHandover(bytes, input.passphrase);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('HANDOVER_DAMAGED');
    }
    const snapshot: StudentSnapshot = parseSnapshot(json);
    return { ok: true, value: snapshot };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
    return { ok: false, error: { code: 'INTERNAL' } };
  }
}

void run(workerData as Input).then((reply) => parentPort?.postMessage(reply));
