import { z } from 'zod';
import { Id, IsoDate } from './schemas';

/** Issue 17: consent to record, and the dialogue's audio recordings. */

/** One chunk as the recorder sends it (about a second of Opus; a fake or slow device may send more). */
export const MAX_CHUNK_BYTES = 1024 * 1024;
/** A whole recording, recorded or imported: hours of speech at 32 kbit/s, and room for an imported file. */
export const MAX_RECORDING_BYTES = 256 * 1024 * 1024;
/** What the recorder asks MediaRecorder for; imports may bring other types (see RecordingMime). */
export const RECORDER_MIME = 'audio/webm;codecs=opus';

export const CONSENT_GIVERS = ['student', 'parent_guardian'] as const;
export const ConsentGiver = z.enum(CONSENT_GIVERS);
export type ConsentGiver = z.infer<typeof ConsentGiver>;

export const ConsentFields = z.object({
  studentId: Id,
  givenOn: IsoDate,
  givenBy: ConsentGiver,
  purpose: z.string().trim().min(1).max(1000),
});
export type ConsentFields = z.infer<typeof ConsentFields>;

export const Consent = z.object({
  id: Id,
  studentId: Id,
  givenOn: z.string(),
  givenBy: ConsentGiver,
  purpose: z.string(),
  registeredAt: z.string(),
});
export type Consent = z.infer<typeof Consent>;

/** An audio media type: `audio/<subtype>` with optional parameters, nothing else. */
export const RecordingMime = z.string().max(100).regex(/^audio\/[a-z0-9.+-]+(;\s*[a-z0-9-]+=[a-z0-9.,"-]+)*$/i);

export const RecordingSource = z.enum(['recorded', 'imported']);
export const RecordingStatus = z.enum(['recording', 'complete']);

export const Recording = z.object({
  id: Id,
  dialogueId: Id,
  studentId: Id,
  mime: z.string(),
  source: RecordingSource,
  status: RecordingStatus,
  /** Closed after the app or computer stopped while recording: the acknowledged chunks are kept. */
  interrupted: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
  byteCount: z.number().int().nonnegative(),
});
export type Recording = z.infer<typeof Recording>;

/** Bytes cross IPC as a Uint8Array (structured clone), never as base64 text. */
export const ChunkBytes = z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength >= 1 && bytes.byteLength <= MAX_CHUNK_BYTES, { message: 'chunk_size' });
export const RecordingBytes = z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_RECORDING_BYTES, { message: 'recording_size' });

export const AppendChunkRequest = z.object({
  recordingId: Id,
  seq: z.number().int().min(0).max(1_000_000),
  bytes: ChunkBytes,
  /** How long the recording has run so far; kept so an interrupted recording still knows its length. */
  elapsedMs: z.number().int().min(0).max(24 * 3600_000).optional(),
}).strict();

export const AppendChunkResult = z.object({ seq: z.number().int(), byteCount: z.number().int() });

export const RecordingAudio = z.object({ mime: z.string(), bytes: RecordingBytes });
