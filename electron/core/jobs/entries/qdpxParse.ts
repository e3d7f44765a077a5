import { promises as fsp } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { parseRefi } from '../../exchange/refiParse';
import { REFI_LIMITS } from '../../exchange/refiLimits';
import type { JobReply } from '../limitedJob';

/**
 * Worker entry: one REFI-QDA file the mentor picked → what it holds, or the AppError that refused
 * it. The file is read here, not in the host: its size is checked first, and its bytes never sit
 * in the process that holds the vault.
 */
interface Input { path: string }

async function read(path: string): Promise<Buffer> {
  const handle = await fsp.open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > REFI_LIMITS.maxFileBytes) throw new AppError('REFI_FILE_TOO_LARGE');
    const bytes = Buffer.alloc(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(bytes, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}

async function run(input: Input): Promise<JobReply> {
  try {
    return { ok: true, value: parseRefi(await read(input.path)) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') return { ok: false, error: { code: 'REFI_NOT_A_PROJECT' } };
    return { ok: false, error: { code: 'INTERNAL' } };
  }
}

void run(workerData as Input).then((reply) => parentPort?.postMessage(reply));
