import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { normaliseSegments } from '../../electron/core/transcription/engine';
import { whisperEngine } from '../../electron/core/transcription/whisperEngine';
import { CHROMIUM_ARGS, findChromium } from '../harness/chromium';
import { writeTinyModel } from '../unit/helpers/ggmlTinyModel';
import type { Figure } from './figure';

/**
 * Issue 17's transcription figures:
 * - real-time factor and peak memory of whisper.cpp (the app's engine, in its job worker) on a
 *   model: the school's (`--model <file>`) or, without one, a tiny model generated with random
 *   weights, which measures the plumbing and says nothing about a real model's speed;
 * - the word error rate against `--reference <txt>` when a recording of real speech is given
 *   (`--audio <16 kHz mono 16-bit WAV>`); Dutch accuracy is not measured anywhere here;
 * - decoding and resampling one hour of audio in headless Chromium with the app's own
 *   decodeAudio, beside one minute.
 */

export interface TranscriptionBenchOptions { model: string | null; audio: string | null; reference: string | null }

function speechLike(seconds: number): Int16Array {
  const pcm = new Int16Array(seconds * 16_000);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin(i * 0.09) * 6000 * (Math.floor(i / 4000) % 2 ? 1 : 0.3));
  return pcm;
}

/** A 16-bit mono PCM WAV's samples (the bench's own input, not a user's file). */
function wavSamples(path: string): Int16Array {
  const bytes = readFileSync(path);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('--audio must be a WAV file');
  let offset = 12;
  let format: { channels: number; rate: number; bits: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') format = { channels: bytes.readUInt16LE(offset + 10), rate: bytes.readUInt32LE(offset + 12), bits: bytes.readUInt16LE(offset + 22) };
    if (id === 'data') {
      if (!format || format.channels !== 1 || format.rate !== 16_000 || format.bits !== 16) throw new Error('--audio must be 16 kHz mono 16-bit PCM (ffmpeg -ar 16000 -ac 1)');
      const data = bytes.subarray(offset + 8, offset + 8 + size);
      return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('--audio has no data chunk');
}

/** Word error rate: word-level edit distance over the reference's length, case and punctuation folded. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const words = (text: string) => text.toLocaleLowerCase('nl').replace(/[^\p{L}\p{N}\s']/gu, ' ').split(/\s+/).filter(Boolean);
  const ref = words(reference);
  const hyp = words(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const row = [i];
    for (let j = 1; j <= hyp.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[hyp.length]! / ref.length;
}

export async function measureTranscription(options: TranscriptionBenchOptions): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'loopbaandialoog-whisper-'));
  try {
    const modelPath = options.model ?? join(dir, 'tiny-random.bin');
    if (!options.model) writeTinyModel(modelPath);
    const pcm = options.audio ? wavSamples(options.audio) : speechLike(60);
    const audioSeconds = pcm.length / 16_000;
    let peak = process.memoryUsage().rss;
    const before = peak;
    const watch = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
    const started = performance.now();
    const raw = await whisperEngine.transcribe(pcm, { language: 'nl', modelPath }, () => undefined, new AbortController().signal);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(watch);
    const segments = normaliseSegments(raw, Math.round(audioSeconds * 1000));
    const label = options.model ? `model ${options.model.split('/').at(-1)}` : 'generated tiny model (random weights, state 16, 1+1 layers)';
    const rtf = seconds / audioSeconds;
    const figures: Figure[] = [
      {
        id: 'whisperRtf', figure: `transcription real-time factor, ${label}, ${audioSeconds.toFixed(0)} s of ${options.audio ? 'the given audio' : 'generated audio'}`,
        unit: 's', value: { median: rtf, p95: rtf, n: 1 }, baseline: null, target: 'reported (< 1 is faster than real time)', met: null,
        note: `${seconds.toFixed(1)} s for ${audioSeconds.toFixed(0)} s, ${segments.length} segments`,
      },
      {
        id: 'whisperPeakMemory', figure: `transcription peak memory (process RSS), ${label}`, unit: 'MB',
        value: { median: peak / 2 ** 20, p95: peak / 2 ** 20, n: 1 }, baseline: { label: 'RSS before', median: before / 2 ** 20, p95: before / 2 ** 20, n: 1 },
        target: 'reported', met: null,
      },
    ];
    if (options.reference) {
      const wer = wordErrorRate(readFileSync(options.reference, 'utf8'), segments.map((s) => s.text).join(' '));
      figures.push({
        id: 'whisperWer', figure: `word error rate against ${options.reference.split('/').at(-1)}`, unit: 's',
        value: { median: wer, p95: wer, n: 1 }, baseline: null, target: 'reported (0 = every word right; shown as a fraction)', met: null,
      });
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Decoding + resampling an hour of 44.1 kHz mono WAV to 16 kHz mono Int16 in Chromium, with the app's decodeAudio. */
export async function measureDecodeHour(): Promise<Figure> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '../../renderer/src/features/transcription/decodeAudio.ts')],
    bundle: true, format: 'iife', globalName: 'lbdDecode', write: false, platform: 'browser', target: 'chrome120', logLevel: 'silent',
  });
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>decode</title>');
    // tsx keeps function names with a helper that the page does not have.
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const decode = (minutes: number) => page.evaluate(async (m) => {
      const rate = 44_100;
      const samples = m * 60 * rate;
      const bytes = new Uint8Array(44 + samples * 2);
      const view = new DataView(bytes.buffer);
      const text = (at: number, value: string) => { for (let i = 0; i < value.length; i++) bytes[at + i] = value.charCodeAt(i); };
      text(0, 'RIFF'); view.setUint32(4, 36 + samples * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
      view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true); view.setUint32(24, rate, true);
      view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, samples * 2, true);
      for (let i = 0; i < samples; i++) view.setInt16(44 + i * 2, Math.round(Math.sin(i * 0.0627) * 6000 * ((i >> 14) & 1 ? 1 : 0.3)), true);
      const started = performance.now();
      const decoded = await (window as unknown as { lbdDecode: { decodeAudio(b: Uint8Array): Promise<{ pcm: Int16Array; durationMs: number }> } }).lbdDecode.decodeAudio(bytes);
      return { ms: performance.now() - started, samples: decoded.pcm.length, durationMs: decoded.durationMs };
    }, minutes);
    await decode(0.2);
    const minute = await decode(1);
    const hour = await decode(60);
    if (hour.samples !== 60 * 60 * 16_000) throw new Error(`decoded ${hour.samples} samples, not an hour at 16 kHz`);
    return {
      id: 'decodeHour', figure: 'decode + resample one hour of audio (44.1 kHz WAV → 16 kHz mono Int16) in Chromium', unit: 's',
      value: { median: hour.ms / 1000, p95: hour.ms / 1000, n: 1 }, baseline: { label: 'one minute', median: minute.ms / 1000, p95: minute.ms / 1000, n: 1 },
      target: '≤ 10 s', met: hour.ms <= 10_000,
    };
  } finally {
    await browser.close();
  }
}
