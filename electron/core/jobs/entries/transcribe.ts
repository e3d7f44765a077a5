import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { inspectModelFile } from '../../transcription/modelFile';
import type { JobReply } from '../limitedJob';

/**
 * Worker entry for speech models (issue 17), op `inspect`: walks a picked model file's header
 * and tensor table (modelFile.ts). Plain JavaScript on a hostile file, so a limited job. The
 * transcription itself runs whisper.cpp, native code, and so runs in a process of its own
 * (transcription/engineEntry.ts, ADR 0022), never in a worker of the host.
 */
type Input = { op: 'inspect'; path: string };

function run(input: Input): JobReply {
  try {
    return { ok: true, value: inspectModelFile(input.path) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
    if ((error as { code?: string })?.code === 'ENOENT') return { ok: false, error: { code: 'NOT_FOUND' } };
    return { ok: false, error: { code: 'MODEL_NOT_A_MODEL' } };
  }
}

parentPort?.postMessage(run(workerData as Input));
