import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * 16 kHz mono Int16 PCM of espeak-ng speaking, for tests that need speech rather than a tone.
 * espeak-ng writes 22,050 Hz WAV; it is resampled linearly (good enough for a test). Returns the
 * reason instead when espeak-ng is missing, so the test can say why it skips.
 */
export function spokenPcm(dir: string, parts: Array<{ voice: string; text: string; pitch?: number }>): Int16Array | { missing: string } {
  const pieces: Int16Array[] = [];
  for (const [index, part] of parts.entries()) {
    const wav = join(dir, `spoken-${index}.wav`);
    try {
      execFileSync('espeak-ng', ['-v', part.voice, '-p', String(part.pitch ?? 50), '-s', '150', '-w', wav, part.text], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
    } catch (error) {
      return { missing: `espeak-ng could not speak (${(error as { code?: string }).code ?? (error as Error).message})` };
    }
    pieces.push(resampleTo16k(readWav(readFileSync(wav))));
  }
  const out = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function readWav(bytes: Buffer): { rate: number; samples: Int16Array } {
  let at = 12;
  let rate = 0;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('ascii', at, at + 4);
    // espeak-ng streams its WAV and leaves the data chunk's size at 0x7ffff000 or so: take the rest.
    const size = Math.min(bytes.readUInt32LE(at + 4), bytes.length - at - 8);
    if (id === 'fmt ') rate = bytes.readUInt32LE(at + 12);
    if (id === 'data') {
      const samples = new Int16Array(Math.floor(size / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(at + 8 + i * 2);
      return { rate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

function resampleTo16k({ rate, samples }: { rate: number; samples: Int16Array }): Int16Array {
  const ratio = rate / 16_000;
  const out = new Int16Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const x = i * ratio;
    const j = Math.floor(x);
    const a = samples[j] ?? 0;
    const b = samples[j + 1] ?? a;
    out[i] = Math.round(a + (b - a) * (x - j));
  }
  return out;
}
