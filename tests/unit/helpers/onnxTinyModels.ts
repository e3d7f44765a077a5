import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './mulberry32';

/**
 * Writes the two ONNX files sherpa-onnx's offline speaker diarization loads, with random weights
 * and tiny graphs, in the layout and with the metadata its loaders read (sherpa-onnx
 * offline-speaker-segmentation-pyannote-model.cc and speaker-embedding-extractor-model.cc, commit
 * 634265c; scripts/pyannote/segmentation/export-onnx.py). No real model can be downloaded where
 * this project is built, so this proves that the real library loads the files, segments audio,
 * embeds and clusters it and returns speaker segments; it says nothing about who speaks when (the
 * weights are noise).
 *
 * The protobuf is written by hand (a few fields of onnx.proto: ModelProto, GraphProto, NodeProto,
 * TensorProto, ValueInfoProto), so the tests need no Python. Checked once with onnx.checker
 * (python3-onnx 1.12) while this was written.
 *
 * - segmentation (pyannote segmentation-3.0's shape): x [N, 1, T] → Conv(7 filters, kernel 991,
 *   stride 270: the receptive field in samples, so a 10 s window gives 589 frames as the real one
 *   does) → Transpose → LogSoftmax over 7 powerset classes (3 speakers, at most 2 at once) → y.
 * - embedding (a wespeaker model's shape): feats [N, T, 80] (80 fbank bins) → ReduceMean over T
 *   → MatMul [80, dim] → embs [N, dim].
 */

// --- protobuf encoding (wire types 0 varint and 2 length-delimited are all these need) ---

type Bytes = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n;
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const concat = (parts: Bytes[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const int = (field: number, value: number | bigint): Bytes => new Uint8Array([...varint((field << 3) | 0), ...varint(value)]);
const bytes = (field: number, value: Bytes): Bytes => concat([new Uint8Array([...varint((field << 3) | 2), ...varint(value.length)]), value]);
const str = (field: number, value: string): Bytes => bytes(field, new TextEncoder().encode(value));

const FLOAT = 1;
const ATTR_INT = 2;
const ATTR_INTS = 7;

function tensor(name: string, dims: number[], values: Float32Array): Bytes {
  return concat([
    ...dims.map((d) => int(1, d)),
    int(2, FLOAT),
    str(8, name),
    bytes(9, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)),
  ]);
}

function attrInts(name: string, values: number[]): Bytes {
  return concat([str(1, name), ...values.map((v) => int(8, v)), int(20, ATTR_INTS)]);
}

function attrInt(name: string, value: number): Bytes {
  return concat([str(1, name), int(3, value), int(20, ATTR_INT)]);
}

function node(op: string, inputs: string[], outputs: string[], attributes: Bytes[] = []): Bytes {
  return concat([
    ...inputs.map((i) => str(1, i)),
    ...outputs.map((o) => str(2, o)),
    str(3, `${op}_${outputs[0]}`),
    str(4, op),
    ...attributes.map((a) => bytes(5, a)),
  ]);
}

/** A float tensor value: each dim a number (fixed) or a string (symbolic). */
function valueInfo(name: string, dims: Array<number | string>): Bytes {
  const shape = concat(dims.map((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d))));
  const tensorType = concat([int(1, FLOAT), bytes(2, shape)]);
  return concat([str(1, name), bytes(2, bytes(1, tensorType))]);
}

function model(graph: Bytes, metadata: Record<string, string | number>): Bytes {
  return concat([
    int(1, 7), // ir_version 7 (onnxruntime of sherpa-onnx 1.13 reads up to 10)
    str(2, 'loopbaandialoog-tests'),
    bytes(7, graph),
    bytes(8, concat([str(1, ''), int(2, 13)])), // opset 13, as sherpa's pyannote export
    ...Object.entries(metadata).map(([key, value]) => bytes(14, concat([str(1, key), str(2, String(value))]))),
  ]);
}

function randomFloats(count: number, scale: number, random: () => number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (random() * 2 - 1) * scale;
  return out;
}

// --- the two models ---

export const SEGMENTATION_META = {
  model_type: 'pyannote-segmentation-3.0',
  version: 1,
  sample_rate: 16000,
  window_size: 160000,
  receptive_field_size: 991,
  receptive_field_shift: 270,
  num_speakers: 3,
  powerset_max_classes: 2,
  num_classes: 7,
} as const;

export interface TinyDiarizationOptions {
  seed?: number;
  /** Embedding size; real models have 192-512. */
  embeddingDim?: number;
  /** Metadata keys to leave out (a malformed model for the app's own inspection). */
  omitSegmentationKeys?: string[];
  omitEmbeddingKeys?: string[];
}

export function tinySegmentationModel(options: TinyDiarizationOptions = {}): Uint8Array {
  const random = mulberry32(options.seed ?? 17);
  const { num_classes: classes, receptive_field_size: kernel, receptive_field_shift: stride } = SEGMENTATION_META;
  const graph = concat([
    bytes(1, node('Conv', ['x', 'conv_w', 'conv_b'], ['conv'], [attrInts('kernel_shape', [kernel]), attrInts('strides', [stride])])),
    bytes(1, node('Transpose', ['conv'], ['frames'], [attrInts('perm', [0, 2, 1])])),
    bytes(1, node('LogSoftmax', ['frames'], ['y'], [attrInt('axis', -1)])),
    str(2, 'segmentation'),
    // Scaled so that a 16-bit-loud input gives logits of a few units: the argmax then moves.
    bytes(5, tensor('conv_w', [classes, 1, kernel], randomFloats(classes * kernel, 0.2, random))),
    bytes(5, tensor('conv_b', [classes], randomFloats(classes, 0.5, random))),
    bytes(11, valueInfo('x', ['N', 1, 'T'])),
    bytes(12, valueInfo('y', ['N', 'F', classes])),
  ]);
  const meta: Record<string, string | number> = { ...SEGMENTATION_META };
  for (const key of options.omitSegmentationKeys ?? []) delete meta[key];
  return model(graph, meta);
}

export function tinyEmbeddingModel(options: TinyDiarizationOptions = {}): Uint8Array {
  const random = mulberry32((options.seed ?? 17) + 1);
  const dim = options.embeddingDim ?? 16;
  const bins = 80;
  const graph = concat([
    bytes(1, node('ReduceMean', ['feats'], ['mean'], [attrInts('axes', [1]), attrInt('keepdims', 0)])),
    bytes(1, node('MatMul', ['mean', 'proj'], ['embs'])),
    str(2, 'embedding'),
    bytes(5, tensor('proj', [bins, dim], randomFloats(bins * dim, 1, random))),
    bytes(11, valueInfo('feats', ['N', 'T', bins])),
    bytes(12, valueInfo('embs', ['N', dim])),
  ]);
  const meta: Record<string, string | number> = {
    framework: 'wespeaker', output_dim: dim, sample_rate: 16000, normalize_samples: 0, language: 'English',
  };
  for (const key of options.omitEmbeddingKeys ?? []) delete meta[key];
  return model(graph, meta);
}

/** Writes both into `dir`; returns their paths. */
export function writeTinyDiarizationModels(dir: string, options: TinyDiarizationOptions = {}): { segmentation: string; embedding: string } {
  const segmentation = join(dir, 'segmentation-tiny.onnx');
  const embedding = join(dir, 'embedding-tiny.onnx');
  writeFileSync(segmentation, tinySegmentationModel(options));
  writeFileSync(embedding, tinyEmbeddingModel(options));
  return { segmentation, embedding };
}
