import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../../shared/errors';

/**
 * Reads what matters of an ONNX file for sherpa-onnx's speaker separation, in plain JavaScript,
 * before the native library ever sees it (issue 17). sherpa-onnx 1.13 does not fail gently: a
 * file that is not ONNX aborts the process (an uncaught Ort::Exception), and a model without one
 * of the metadata keys its loader reads calls exit(). So the import walks the protobuf itself:
 * ModelProto's top-level fields (ir_version, graph, metadata_props), the graph's initializers
 * only as far as their data location (weights in a separate file cannot work: only this one file
 * is copied), and skips every payload by its length without reading it. Each count and string is
 * bounded. It answers which of the two models the file is, with the facts the app shows.
 *
 * The keys are those of sherpa-onnx's loaders (offline-speaker-segmentation-pyannote-model.cc,
 * speaker-embedding-extractor-model.cc): what they read with SHERPA_ONNX_READ_META_DATA must be
 * there as a non-negative integer, or they exit.
 */

export type SpeakerModelKind = 'segmentation' | 'embedding';

export interface OnnxModelFacts {
  kind: SpeakerModelKind;
  fileBytes: number;
  irVersion: number;
  /** Segmentation: how many speakers one window can tell apart. */
  numSpeakers?: number;
  /** Embedding: the model family and the size of one embedding. */
  framework?: string;
  outputDim?: number;
}

/** Largest file taken: pyannote segmentation-3.0 is 6 MB, the larger embedding models about 100 MB. */
export const MAX_SPEAKER_MODEL_BYTES = 256 * 1024 * 1024;
const MAX_METADATA = 200;
const MAX_STRING = 4096;
const MAX_INITIALIZERS = 100_000;

/** A positional reader over a file, a small window at a time (the payloads are skipped, not read). */
class Reader {
  private buffer = Buffer.alloc(64 * 1024);
  private start = 0;
  private end = 0;

  constructor(private readonly fd: number, readonly size: number) {}

  byte(at: number): number {
    if (at >= this.size) throw new AppError('MODEL_TRUNCATED');
    if (at < this.start || at >= this.end) {
      this.start = at;
      this.end = at + readSync(this.fd, this.buffer, 0, this.buffer.length, at);
    }
    return this.buffer[at - this.start]!;
  }

  bytes(at: number, length: number): Buffer {
    if (at + length > this.size) throw new AppError('MODEL_TRUNCATED');
    const out = Buffer.alloc(length);
    readSync(this.fd, out, 0, length, at);
    return out;
  }
}

/** A varint at `at`: its value (exact up to 2^53) and where the next field starts. */
function varint(reader: Reader, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const byte = reader.byte(at + i);
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw new AppError('SPEAKER_MODEL_INVALID');
}

interface Field {
  number: number;
  wire: number;
  /** Varint value, or the payload's length for wire type 2. */
  value: number;
  /** Where the payload starts (wire type 2) and where the next field starts. */
  payload: number;
  next: number;
}

function* fields(reader: Reader, from: number, to: number): Generator<Field> {
  let at = from;
  while (at < to) {
    const [tag, afterTag] = varint(reader, at);
    const number = Math.floor(tag / 8);
    const wire = tag % 8;
    if (number === 0) throw new AppError('SPEAKER_MODEL_INVALID');
    let field: Field;
    if (wire === 0) {
      const [value, next] = varint(reader, afterTag);
      field = { number, wire, value, payload: afterTag, next };
    } else if (wire === 2) {
      const [length, payload] = varint(reader, afterTag);
      field = { number, wire, value: length, payload, next: payload + length };
    } else if (wire === 1 || wire === 5) {
      field = { number, wire, value: 0, payload: afterTag, next: afterTag + (wire === 1 ? 8 : 4) };
    } else {
      // Groups (3, 4) and the unused 6, 7 do not occur in ONNX.
      throw new AppError('SPEAKER_MODEL_INVALID');
    }
    if (field.next > to) throw new AppError('MODEL_TRUNCATED');
    yield field;
    at = field.next;
  }
}

function text(reader: Reader, field: Field): string {
  if (field.wire !== 2 || field.value > MAX_STRING) throw new AppError('SPEAKER_MODEL_INVALID');
  return reader.bytes(field.payload, field.value).toString('utf8');
}

/** An initializer whose weights live in another file (TensorProto.data_location = EXTERNAL). */
function usesExternalData(reader: Reader, graph: Field): boolean {
  let initializers = 0;
  for (const field of fields(reader, graph.payload, graph.next)) {
    if (field.number !== 5 || field.wire !== 2) continue;
    if (++initializers > MAX_INITIALIZERS) throw new AppError('SPEAKER_MODEL_INVALID');
    for (const inner of fields(reader, field.payload, field.next)) {
      if ((inner.number === 14 && inner.wire === 0 && inner.value === 1) || (inner.number === 13 && inner.wire === 2)) return true;
    }
  }
  return false;
}

const SEGMENTATION_KEYS = ['sample_rate', 'window_size', 'receptive_field_size', 'receptive_field_shift', 'num_speakers', 'powerset_max_classes', 'num_classes'] as const;
const EMBEDDING_INT_KEYS = ['output_dim', 'sample_rate', 'normalize_samples'] as const;

/** What sherpa's atoi would read, refused where it would exit (missing, negative, not a number). */
function integer(meta: Map<string, string>, key: string, min = 0, max = 2 ** 31 - 1): number {
  const raw = meta.get(key);
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) throw new AppError('SPEAKER_MODEL_METADATA', { key });
  const value = Number(raw);
  if (value < min || value > max) throw new AppError('SPEAKER_MODEL_METADATA', { key });
  return value;
}

function segmentationFacts(meta: Map<string, string>): Pick<OnnxModelFacts, 'numSpeakers'> {
  for (const key of SEGMENTATION_KEYS) integer(meta, key);
  // The app sends 16 kHz audio, and the library takes the segmentation model's rate as the rate.
  integer(meta, 'sample_rate', 16_000, 16_000);
  const windowSize = integer(meta, 'window_size', 1, 16_000 * 60);
  integer(meta, 'receptive_field_shift', 1, windowSize);
  integer(meta, 'receptive_field_size', 1, windowSize);
  const speakers = integer(meta, 'num_speakers', 1, 16);
  // sherpa-onnx supports powersets of at most two speakers at once, and exits on more.
  const powerset = integer(meta, 'powerset_max_classes', 1, 2);
  const classes = 1 + speakers + (powerset === 2 ? (speakers * (speakers - 1)) / 2 : 0);
  if (integer(meta, 'num_classes') !== classes) throw new AppError('SPEAKER_MODEL_METADATA', { key: 'num_classes' });
  return { numSpeakers: speakers };
}

function embeddingFacts(meta: Map<string, string>): Pick<OnnxModelFacts, 'framework' | 'outputDim'> {
  for (const key of EMBEDDING_INT_KEYS) integer(meta, key);
  integer(meta, 'sample_rate', 16_000, 16_000);
  const outputDim = integer(meta, 'output_dim', 1, 8192);
  if (!meta.get('language')) throw new AppError('SPEAKER_MODEL_METADATA', { key: 'language' });
  const normalise = meta.get('feature_normalize_type');
  if (normalise !== undefined && normalise !== '' && normalise !== 'global-mean') throw new AppError('SPEAKER_MODEL_METADATA', { key: 'feature_normalize_type' });
  return { framework: meta.get('framework')!, outputDim };
}

export function inspectOnnxModelFile(path: string): OnnxModelFacts {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_SPEAKER_MODEL_BYTES) throw new AppError('FILE_TOO_LARGE');
    if (size < 16) throw new AppError('SPEAKER_MODEL_INVALID');
    const reader = new Reader(fd, size);
    let irVersion = 0;
    let graph: Field | null = null;
    const meta = new Map<string, string>();
    for (const field of fields(reader, 0, size)) {
      if (field.number === 1 && field.wire === 0) irVersion = field.value;
      else if (field.number === 7 && field.wire === 2) graph = field;
      else if (field.number === 14 && field.wire === 2) {
        if (meta.size >= MAX_METADATA) throw new AppError('SPEAKER_MODEL_INVALID');
        let key = '';
        let value = '';
        for (const entry of fields(reader, field.payload, field.next)) {
          if (entry.number === 1) key = text(reader, entry);
          else if (entry.number === 2) value = text(reader, entry);
        }
        meta.set(key, value);
      }
    }
    // onnxruntime 1.2x reads IR versions 3 to 11; outside that it is not a model for it.
    if (irVersion < 3 || irVersion > 11 || !graph) throw new AppError('SPEAKER_MODEL_INVALID');
    if (usesExternalData(reader, graph)) throw new AppError('SPEAKER_MODEL_EXTERNAL_DATA');
    const framework = meta.get('framework');
    if (framework === 'wespeaker' || framework === '3d-speaker') return { kind: 'embedding', fileBytes: size, irVersion, ...embeddingFacts(meta) };
    if (meta.has('window_size') || meta.get('model_type')?.startsWith('pyannote')) return { kind: 'segmentation', fileBytes: size, irVersion, ...segmentationFacts(meta) };
    // An ONNX file, but neither of the two (a NeMo embedding model is not supported by this path).
    throw new AppError('SPEAKER_MODEL_UNKNOWN_KIND');
  } finally {
    closeSync(fd);
  }
}
