import { z } from 'zod';
import { MAX_TRANSCRIBE_SAMPLES } from '../../../shared/transcriptionSchemas';

/**
 * The messages between the backend host and the transcription engine process (whisper.cpp in a
 * process of its own, ADR 0022). Both sides parse every message they receive: the engine runs
 * native code on a file the mentor picked, so what it sends back is checked like anything else
 * that crosses a process boundary. The audio travels only over this channel, in chunks; it is
 * never written to disk.
 */

/** One PCM chunk: Int16 little-endian samples, at most 1 MB (about 33 s of 16 kHz audio). */
export const ENGINE_PCM_CHUNK_BYTES = 1024 * 1024;

const Pcm = z.instanceof(Uint8Array).refine(
  (bytes) => bytes.byteLength >= 2 && bytes.byteLength <= ENGINE_PCM_CHUNK_BYTES && bytes.byteLength % 2 === 0,
  { message: 'pcm_chunk' },
);

export const ToEngine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('start'),
    modelPath: z.string().min(1).max(4096),
    language: z.enum(['nl', 'en']),
    threads: z.number().int().min(1).max(64),
    sampleCount: z.number().int().min(1).max(MAX_TRANSCRIBE_SAMPLES),
    /** Speaker separation after whisper, on the same audio, when the school added its two models (ADR 0024). */
    diarization: z.object({ segmentationPath: z.string().min(1).max(4096), embeddingPath: z.string().min(1).max(4096) }).strict().optional(),
  }).strict(),
  z.object({ kind: z.literal('pcm'), seq: z.number().int().nonnegative(), bytes: Pcm }).strict(),
  z.object({ kind: z.literal('run') }).strict(),
  /** Cancel or deadline: stop whisper.cpp and release its context, then exit. */
  z.object({ kind: z.literal('stop') }).strict(),
]);
export type ToEngine = z.infer<typeof ToEngine>;

/** What the engine may answer with; anything else is the host's to name (crash, memory, time). */
export const ENGINE_FAILURES = ['MODEL_NOT_A_MODEL', 'NOT_FOUND', 'TRANSCRIPTION_CANCELLED', 'TRANSCRIPTION_FAILED', 'VALIDATION'] as const;

const RawSegment = z.object({
  startMs: z.number().finite(),
  endMs: z.number().finite(),
  text: z.string().max(100_000),
}).strict();

/** One span of sherpa-onnx's speaker separation, in ms; `speaker` is the model's own id. */
const SpeakerSpan = z.object({
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  speaker: z.number().int().min(0).max(10_000),
}).strict();

export const FromEngine = z.discriminatedUnion('kind', [
  /** Sent every quarter second from the engine's own main thread: it lives, and how much it holds. */
  z.object({ kind: z.literal('heartbeat'), rssBytes: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('progress'), percent: z.number().min(0).max(100) }).strict(),
  /**
   * whisper's segments before the speaker separation starts: a native crash there must not lose
   * the transcription, so the host keeps these and finishes with them if the process dies.
   */
  z.object({ kind: z.literal('transcribed'), segments: z.array(RawSegment).max(100_000) }).strict(),
  /** `speakers`: the separation's spans, null when it failed; absent when none was asked for. */
  z.object({ kind: z.literal('done'), segments: z.array(RawSegment).max(100_000), speakers: z.array(SpeakerSpan).max(100_000).nullable().optional() }).strict(),
  z.object({ kind: z.literal('failed'), code: z.enum(ENGINE_FAILURES) }).strict(),
]);
export type FromEngine = z.infer<typeof FromEngine>;

/**
 * Electron main's one message to an engine it started (ADR 0022): the engine's end of the channel
 * to the host travels in its transfer list. Checked like the rest, though main is trusted more.
 */
export const FromMain = z.object({ kind: z.literal('port') }).strict();
export type FromMain = z.infer<typeof FromMain>;

/** One end of the engine's channel, as the engine sees it (a forked child's IPC, or a utility process's port). */
export interface EnginePort {
  post(message: FromEngine): void;
  onMessage(listener: (message: unknown) => void): void;
}
