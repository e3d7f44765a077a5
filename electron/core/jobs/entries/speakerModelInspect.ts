import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { inspectOnnxModelFile } from '../../transcription/onnxModelFile';
import type { JobReply } from '../limitedJob';

/**
 * Worker entry for the speaker-separation models (issue 17): walks a picked ONNX file's protobuf
 * (onnxModelFile.ts). Plain JavaScript on a hostile file, so a limited job, as the whisper model's
 * inspection is; sherpa-onnx itself only ever runs in the transcription engine's process.
 */
function run(input: { path: string }): JobReply {
  try {
    return { ok: true, value: inspectOnnxModelFile(input.path) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, ...(error.params ? { params: error.params } : {}) } };
    if ((error as { code?: string })?.code === 'ENOENT') return { ok: false, error: { code: 'NOT_FOUND' } };
    return { ok: false, error: { code: 'SPEAKER_MODEL_INVALID' } };
  }
}

parentPort?.postMessage(run(workerData as { path: string }));
