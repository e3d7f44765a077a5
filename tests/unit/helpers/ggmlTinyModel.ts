import { writeFileSync } from 'node:fs';
import { mulberry32 } from './mulberry32';

/**
 * Writes a whisper.cpp model file in its own ggml format (magic 0x67676d6c, hparams, mel
 * filters, vocabulary, then every tensor `whisper_model_load` creates, by name and shape) with
 * random weights and tiny dimensions. No real model can be downloaded where this project is built,
 * so this proves that the real binding loads a file, runs the encoder and decoder on audio and
 * returns segments with timestamps: it says nothing about accuracy (the weights are noise).
 *
 * Dimensions: the vocabulary must be the multilingual one (51865 tokens, or the loader counts no
 * languages and 'nl' has no token), the audio context 1500 (30 s of mel frames after the
 * stride-2 convolution) and 80 mel bands, as the real models have; the state and the layer counts
 * are what can shrink (state 16, one head, one encoder and one decoder layer by default).
 */
export interface TinyModelOptions {
  state?: number;
  heads?: number;
  audioLayers?: number;
  textLayers?: number;
  seed?: number;
  /**
   * The ftype the header declares; the tensors stay f32 whatever it says. A quantized ftype (2,
   * q4_0) over f32 tensors passes the app's own inspection but makes whisper.cpp 1.1.3 abort
   * with a GGML_ASSERT while loading: the crafted file of the engine-process tests.
   */
  ftype?: number;
}

const GGML_MAGIC = 0x67676d6c;
const N_VOCAB = 51865;
const N_AUDIO_CTX = 1500;
const N_TEXT_CTX = 448;
const N_MELS = 80;
const N_FFT = 201;

type Shape = number[];

function tensorList(state: number, audioLayers: number, textLayers: number): Array<[string, Shape]> {
  const list: Array<[string, Shape]> = [
    ['encoder.positional_embedding', [state, N_AUDIO_CTX]],
    ['encoder.conv1.weight', [3, N_MELS, state]],
    ['encoder.conv1.bias', [1, state]],
    ['encoder.conv2.weight', [3, state, state]],
    ['encoder.conv2.bias', [1, state]],
    ['encoder.ln_post.weight', [state]],
    ['encoder.ln_post.bias', [state]],
  ];
  const block = (prefix: string, attn: string): Array<[string, Shape]> => [
    [`${prefix}.${attn}_ln.weight`, [state]],
    [`${prefix}.${attn}_ln.bias`, [state]],
    [`${prefix}.${attn}.query.weight`, [state, state]],
    [`${prefix}.${attn}.query.bias`, [state]],
    [`${prefix}.${attn}.key.weight`, [state, state]],
    [`${prefix}.${attn}.value.weight`, [state, state]],
    [`${prefix}.${attn}.value.bias`, [state]],
    [`${prefix}.${attn}.out.weight`, [state, state]],
    [`${prefix}.${attn}.out.bias`, [state]],
  ];
  const mlp = (prefix: string): Array<[string, Shape]> => [
    [`${prefix}.mlp_ln.weight`, [state]],
    [`${prefix}.mlp_ln.bias`, [state]],
    [`${prefix}.mlp.0.weight`, [state, 4 * state]],
    [`${prefix}.mlp.0.bias`, [4 * state]],
    [`${prefix}.mlp.2.weight`, [4 * state, state]],
    [`${prefix}.mlp.2.bias`, [state]],
  ];
  for (let i = 0; i < audioLayers; i++) list.push(...mlp(`encoder.blocks.${i}`), ...block(`encoder.blocks.${i}`, 'attn'));
  list.push(
    ['decoder.positional_embedding', [state, N_TEXT_CTX]],
    ['decoder.token_embedding.weight', [state, N_VOCAB]],
    ['decoder.ln.weight', [state]],
    ['decoder.ln.bias', [state]],
  );
  for (let i = 0; i < textLayers; i++) {
    list.push(...mlp(`decoder.blocks.${i}`), ...block(`decoder.blocks.${i}`, 'attn'), ...block(`decoder.blocks.${i}`, 'cross_attn'));
  }
  return list;
}

const random = mulberry32;

/** The bytes of a tiny random whisper model (f32 weights). */
export function tinyModelBytes(options: TinyModelOptions = {}): Buffer {
  const state = options.state ?? 16;
  const heads = options.heads ?? 1;
  const audioLayers = options.audioLayers ?? 1;
  const textLayers = options.textLayers ?? 1;
  const next = random(options.seed ?? 17);
  const parts: Buffer[] = [];
  const ints = (...values: number[]): void => {
    const b = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => b.writeInt32LE(v, i * 4));
    parts.push(b);
  };
  ints(GGML_MAGIC | 0);
  // n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state,
  // n_text_head, n_text_layer, n_mels, ftype (0 = f32)
  ints(N_VOCAB, N_AUDIO_CTX, state, heads, audioLayers, N_TEXT_CTX, state, heads, textLayers, N_MELS, options.ftype ?? 0);
  // Mel filters: a plausible triangular-ish bank is not needed for loading; small positive values.
  ints(N_MELS, N_FFT);
  const filters = new Float32Array(N_MELS * N_FFT);
  for (let m = 0; m < N_MELS; m++) filters[m * N_FFT + Math.min(N_FFT - 1, Math.round((m * N_FFT) / N_MELS))] = 1;
  parts.push(Buffer.from(filters.buffer));
  // Vocabulary: the first 50257 text tokens as short letter strings, with " " where GPT-2 has it
  // (id 220: the decoder looks that token up by its text); the loader names the special, language
  // and timestamp tokens itself.
  const words = 50257;
  ints(words);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < words; i++) {
    const text = i === 220 ? ' ' : (i % 3 === 0 ? ' ' : '') + alphabet[i % 26]! + alphabet[Math.floor(i / 26) % 26]!;
    const word = Buffer.from(text, 'utf8');
    ints(word.length);
    parts.push(word);
  }
  for (const [name, shape] of tensorList(state, audioLayers, textLayers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    ints(shape.length, nameBytes.length, 0, ...shape);
    parts.push(nameBytes);
    const count = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(count);
    const isNorm = /_ln\.weight$|ln_post\.weight$|decoder\.ln\.weight$/.test(name);
    const isBias = name.endsWith('.bias');
    for (let i = 0; i < count; i++) data[i] = isNorm ? 1 : isBias ? 0 : (next() - 0.5) * 0.2;
    parts.push(Buffer.from(data.buffer));
  }
  return Buffer.concat(parts);
}

/** Writes the tiny model to `path` (a test's temp dir: a model file is never committed). */
export function writeTinyModel(path: string, options: TinyModelOptions = {}): number {
  const bytes = tinyModelBytes(options);
  writeFileSync(path, bytes);
  return bytes.length;
}
