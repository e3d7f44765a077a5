import { z } from 'zod';
import { Id } from './schemas';

/** Issue 17: offline transcription with whisper.cpp, speech models, audio import. */

/** The multilingual whisper models the app knows by their published hash (see knownModels.ts). */
export const KNOWN_MODELS = ['tiny', 'base', 'small', 'medium', 'large-v3-turbo'] as const;
export const KnownModel = z.enum(KNOWN_MODELS);
export type KnownModel = z.infer<typeof KnownModel>;

/** Audio is resampled to this rate, mono, before it crosses to the host. */
export const PCM_SAMPLE_RATE = 16_000;
/** Longest audio that is transcribed: three hours (a four-hour recording gets AUDIO_TOO_LONG). */
export const MAX_TRANSCRIBE_MS = 3 * 3600_000;
export const MAX_TRANSCRIBE_SAMPLES = (MAX_TRANSCRIBE_MS / 1000) * PCM_SAMPLE_RATE;
/** One PCM chunk over IPC: Int16 little-endian samples, at most 4 MB (about two minutes). */
export const MAX_PCM_CHUNK_BYTES = 4 * 1024 * 1024;
/** Largest audio file the import reads (the host stops reading past it). */
export const MAX_AUDIO_IMPORT_BYTES = 256 * 1024 * 1024;

export const ModelEntry = z.object({
  /** The file name in `<userData>/models/` (a hash prefix, never a name the user typed). */
  id: z.string().regex(/^[a-f0-9]{16}\.bin$/),
  /** What the mentor picked, for recognition only (the file's own name). */
  originalName: z.string().max(255),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  sha1: z.string().regex(/^[a-f0-9]{40}$/),
  /** Which published model this is by its hash, or null for an unknown file. */
  known: KnownModel.nullable(),
  /** An unknown file is used only after the mentor confirmed it. */
  confirmed: z.boolean(),
  /** Header facts: encoder layers and whether the vocabulary is multilingual. */
  audioLayers: z.number().int().nonnegative(),
  multilingual: z.boolean(),
  /** Estimated memory for loading and running it, in bytes. */
  memoryBytes: z.number().int().nonnegative(),
  importedAt: z.string(),
  active: z.boolean(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const ModelList = z.object({ models: z.array(ModelEntry), freeMemoryBytes: z.number().int().nonnegative() });
export type ModelList = z.infer<typeof ModelList>;

export const ModelId = ModelEntry.shape.id;

export const Segment = z.object({
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  text: z.string().max(20_000),
  /** Set by the speaker-separation model (1-3, by first appearance); null: left for the quick keys. */
  speaker: z.number().int().min(1).max(3).nullable().optional(),
});
export type Segment = z.infer<typeof Segment>;

export const TranscriptionStart = z.object({
  dialogueId: Id,
  recordingId: Id,
  /** 16 kHz mono samples to come; over three hours is AUDIO_TOO_LONG before anything is sent. */
  sampleCount: z.number().int().min(1).max(24 * 3600 * PCM_SAMPLE_RATE),
  language: z.enum(['nl', 'en']).default('nl'),
}).strict();

export const PcmChunk = z.object({
  jobId: z.string().uuid(),
  seq: z.number().int().min(0).max(100_000),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength >= 2 && b.byteLength <= MAX_PCM_CHUNK_BYTES && b.byteLength % 2 === 0, { message: 'pcm_chunk' }),
}).strict();

export const TranscriptionResult = z.object({
  segments: z.array(Segment).max(100_000),
  model: z.string(),
  language: z.string(),
  audioMs: z.number().int().nonnegative(),
  elapsedMs: z.number().int().nonnegative(),
  /** The speakers came from the school's speaker-separation model (the mentor checks them). */
  autoSpeakers: z.boolean().optional(),
});
export type TranscriptionResult = z.infer<typeof TranscriptionResult>;

/** A picked audio file, read and sniffed by the host; `token` stores it once it decoded. */
export const AudioPicked = z.object({
  token: z.string().uuid(),
  mime: z.string().max(100),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_AUDIO_IMPORT_BYTES, { message: 'audio_size' }),
});
export type AudioPicked = z.infer<typeof AudioPicked>;

/** The two files of speaker separation (sherpa-onnx, ADR 0024) in `<userData>/models/speakers/`. */
export const SPEAKER_MODEL_KINDS = ['segmentation', 'embedding'] as const;
export const SpeakerModelKind = z.enum(SPEAKER_MODEL_KINDS);
export type SpeakerModelKind = z.infer<typeof SpeakerModelKind>;

export const SpeakerModelEntry = z.object({
  kind: SpeakerModelKind,
  /** The file name in the folder (a hash prefix, never a name the user typed). */
  id: z.string().regex(/^[a-f0-9]{16}\.onnx$/),
  originalName: z.string().max(255),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  /** No published hashes to recognise these by: each is used only after the mentor confirmed it. */
  confirmed: z.boolean(),
  importedAt: z.string(),
  /** Segmentation: speakers per window; embedding: family and embedding size. */
  numSpeakers: z.number().int().positive().optional(),
  framework: z.string().max(40).optional(),
  outputDim: z.number().int().positive().optional(),
});
export type SpeakerModelEntry = z.infer<typeof SpeakerModelEntry>;

export const SpeakerModelStatus = z.object({
  segmentation: SpeakerModelEntry.nullable(),
  embedding: SpeakerModelEntry.nullable(),
  /** Both imported and confirmed: transcriptions assign speakers automatically. */
  ready: z.boolean(),
});
export type SpeakerModelStatus = z.infer<typeof SpeakerModelStatus>;
