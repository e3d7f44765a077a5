import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { MAX_AUDIO_IMPORT_BYTES } from '../../../shared/transcriptionSchemas';

/**
 * Which audio container a file is, by its first bytes, never by its name: WAV (RIFF/WAVE), MP3
 * (an ID3 tag or an MPEG audio frame), AAC in ADTS frames, MP4/M4A (ftyp), Ogg (Opus or Vorbis)
 * and WebM/Matroska (EBML). Anything else is AUDIO_UNSUPPORTED before Chromium ever sees it.
 */
export function sniffAudio(bytes: Uint8Array): string {
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length < 12) throw new AppError('AUDIO_UNSUPPORTED');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'audio/webm';
  if (ascii(4, 8) === 'ftyp') return 'audio/mp4';
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg';
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) {
    // Layer bits 00 in an MPEG frame header mean ADTS (AAC); otherwise MPEG audio (MP3).
    return ((bytes[1] ?? 0) & 0x06) === 0 ? 'audio/aac' : 'audio/mpeg';
  }
  throw new AppError('AUDIO_UNSUPPORTED');
}

/** Reads at most `max` bytes of `path`; a longer file is AUDIO_TOO_LARGE without reading the rest. */
export async function readBounded(path: string, max = MAX_AUDIO_IMPORT_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const handle = await open(path, 'r').catch(() => {
    throw new AppError('NOT_FOUND');
  });
  try {
    const { size } = await handle.stat();
    if (size > max) throw new AppError('AUDIO_TOO_LARGE', { maxMb: Math.round(max / 1024 ** 2) });
    if (size === 0) throw new AppError('EMPTY_FILE');
    const bytes = new Uint8Array(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await handle.read(bytes, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    // The file shrank while it was read: what is there is what is stored (a truncated file then
    // fails to decode with its own message).
    return offset === size ? bytes : bytes.slice(0, offset);
  } finally {
    await handle.close();
  }
}

interface Pending { dialogueId: string; mime: string; bytes: Uint8Array; expires: number }

/**
 * A picked audio file between the pick and its storing: the renderer decodes it first (to learn
 * its length and that Chromium can read it) and then asks to store it by token. The host stores
 * the bytes it read itself, not ones the renderer sends back. One pending file at a time.
 */
export class PendingAudio {
  private pending = new Map<string, Pending>();

  constructor(private readonly now: () => number) {}

  put(dialogueId: string, mime: string, bytes: Uint8Array): string {
    this.pending.clear();
    const token = randomUUID();
    this.pending.set(token, { dialogueId, mime, bytes, expires: this.now() + 15 * 60_000 });
    return token;
  }

  take(token: string): Pending {
    const item = this.pending.get(token);
    this.pending.delete(token);
    if (!item || item.expires < this.now()) throw new AppError('TRANSCRIPTION_NOT_FOUND');
    return item;
  }

  clear(): void {
    this.pending.clear();
  }
}
