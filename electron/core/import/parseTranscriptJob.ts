import type { ParsedTranscript } from '../../../shared/dialogueSchemas';
import { MAX_TRANSCRIPT_BYTES } from '../../../shared/dialogueSchemas';
import { AppError } from '../../../shared/errors';
import { type JobLimits, runLimitedJob } from '../jobs/limitedJob';
import type { PseudonymRule } from './pseudonymise';

/**
 * A real transcript parses in well under a second with a few tens of megabytes; the limits leave
 * a wide margin for slow laptops while a crafted file is stopped within seconds.
 */
export const TRANSCRIPT_JOB_LIMITS: JobLimits = { maxHeapMb: 192, deadlineMs: 15_000 };

/** parseTranscript, run as a limited job outside the thread that holds the vault. */
export function parseTranscriptInJob(fileName: string, bytes: Buffer, pseudonyms: readonly PseudonymRule[], limits: JobLimits = TRANSCRIPT_JOB_LIMITS): Promise<ParsedTranscript> {
  // Refused before a worker is started: the size check costs nothing here.
  if (bytes.length > MAX_TRANSCRIPT_BYTES) return Promise.reject(new AppError('FILE_TOO_LARGE'));
  return runLimitedJob<ParsedTranscript>('transcriptParse', { fileName, bytes, pseudonyms: [...pseudonyms] }, limits);
}
