import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../../shared/errors';

/**
 * Reads a whisper.cpp ggml model file the way `whisper_model_load` does, without loading the
 * weights: magic, hyperparameters, mel filters, vocabulary, then every tensor header, skipping
 * its data. A file whose walk does not end exactly at its end is cut short (MODEL_TRUNCATED);
 * one with another magic or impossible numbers is not a model (MODEL_NOT_A_MODEL). Runs inside
 * the limited job (jobs/entries/transcribe.ts, op 'inspect'): the file is the user's pick.
 */
export const GGML_MAGIC = 0x67676d6c;

export interface ModelHeader {
  nVocab: number;
  audioCtx: number;
  audioState: number;
  audioHeads: number;
  audioLayers: number;
  textCtx: number;
  textState: number;
  textHeads: number;
  textLayers: number;
  mels: number;
  ftype: number;
  multilingual: boolean;
  tensorCount: number;
  tensorBytes: number;
  fileBytes: number;
}

/** ggml type → [block size, bytes per block], for the types whisper models use. */
const TYPE_SIZES: Record<number, [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210],
};

class Reader {
  private readonly buffer = Buffer.alloc(1 << 20);
  private start = 0; // file offset of buffer[0]
  private length = 0;
  pos = 0;
  constructor(private readonly fd: number, readonly size: number) {}

  private fill(need: number): void {
    if (this.pos + need > this.size) throw new AppError('MODEL_TRUNCATED');
    if (this.pos >= this.start && this.pos + need <= this.start + this.length) return;
    this.start = this.pos;
    this.length = readSync(this.fd, this.buffer, 0, this.buffer.length, this.pos);
    if (this.length < need) throw new AppError('MODEL_TRUNCATED');
  }

  int32(): number {
    this.fill(4);
    const v = this.buffer.readInt32LE(this.pos - this.start);
    this.pos += 4;
    return v;
  }

  uint32(): number {
    this.fill(4);
    const v = this.buffer.readUInt32LE(this.pos - this.start);
    this.pos += 4;
    return v;
  }

  bytes(n: number): Buffer {
    if (n > this.buffer.length) throw new AppError('MODEL_NOT_A_MODEL');
    this.fill(n);
    const b = Buffer.from(this.buffer.subarray(this.pos - this.start, this.pos - this.start + n));
    this.pos += n;
    return b;
  }

  skip(n: number): void {
    if (this.pos + n > this.size) throw new AppError('MODEL_TRUNCATED');
    this.pos += n;
  }
}

function sane(value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new AppError('MODEL_NOT_A_MODEL');
  return value;
}

export function inspectModelFile(path: string): ModelHeader {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < 48) throw new AppError('MODEL_NOT_A_MODEL');
    const r = new Reader(fd, size);
    if (r.uint32() !== GGML_MAGIC) throw new AppError('MODEL_NOT_A_MODEL');
    const nVocab = sane(r.int32(), 1000, 100_000);
    const audioCtx = sane(r.int32(), 1, 10_000);
    const audioState = sane(r.int32(), 1, 10_000);
    const audioHeads = sane(r.int32(), 1, 256);
    const audioLayers = sane(r.int32(), 1, 128);
    const textCtx = sane(r.int32(), 1, 10_000);
    const textState = sane(r.int32(), 1, 10_000);
    const textHeads = sane(r.int32(), 1, 256);
    const textLayers = sane(r.int32(), 1, 128);
    const mels = sane(r.int32(), 1, 512);
    const ftype = sane(r.int32(), 0, 100_000) % 1000;
    if (textState !== audioState || audioState % audioHeads !== 0 || textState % textHeads !== 0) throw new AppError('MODEL_NOT_A_MODEL');
    // Mel filters.
    const nMel = sane(r.int32(), 1, 512);
    const nFft = sane(r.int32(), 1, 4096);
    r.skip(nMel * nFft * 4);
    // Vocabulary.
    const words = sane(r.int32(), 0, 200_000);
    for (let i = 0; i < words; i++) {
      const len = r.uint32();
      if (len > 1024) throw new AppError('MODEL_NOT_A_MODEL');
      r.skip(len);
    }
    // Tensors, to the end of the file.
    const expected = 11 + 15 * audioLayers + 24 * textLayers;
    let tensorCount = 0;
    let tensorBytes = 0;
    while (r.pos < size) {
      const nDims = r.int32();
      const nameLength = r.int32();
      const ttype = r.int32();
      if (nDims < 1 || nDims > 4 || nameLength < 1 || nameLength > 128) throw new AppError('MODEL_NOT_A_MODEL');
      const typeSize = TYPE_SIZES[ttype];
      if (!typeSize) throw new AppError('MODEL_NOT_A_MODEL');
      let elements = 1;
      for (let d = 0; d < nDims; d++) elements *= sane(r.int32(), 1, 1 << 30);
      r.bytes(nameLength);
      if (elements % typeSize[0] !== 0) throw new AppError('MODEL_NOT_A_MODEL');
      const bytes = (elements / typeSize[0]) * typeSize[1];
      r.skip(bytes);
      tensorBytes += bytes;
      tensorCount += 1;
      if (tensorCount > expected) throw new AppError('MODEL_NOT_A_MODEL');
    }
    if (tensorCount !== expected) throw new AppError('MODEL_TRUNCATED');
    return {
      nVocab, audioCtx, audioState, audioHeads, audioLayers, textCtx, textState, textHeads, textLayers, mels, ftype,
      multilingual: nVocab >= 51865, tensorCount, tensorBytes, fileBytes: size,
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * Memory to load and run the model: its weights plus whisper.cpp's compute buffers and caches.
 * The buffers grow with the state and the vocabulary; 250 MB covers tiny to large-v3-turbo in
 * whisper.cpp's own figures (273 MB for tiny, 3.9 GB for large with f16 weights of 2.9 GB).
 */
export function estimateMemoryBytes(header: Pick<ModelHeader, 'tensorBytes' | 'textState' | 'textLayers'>): number {
  const caches = header.textState * header.textLayers * 448 * 2 * 4 * 8;
  return Math.round(header.tensorBytes * 1.1 + 250 * 1024 * 1024 + caches);
}
