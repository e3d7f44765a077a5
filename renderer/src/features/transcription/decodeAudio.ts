import { AppError } from '../../../../shared/errors';
import { PCM_SAMPLE_RATE } from '../../../../shared/transcriptionSchemas';

/**
 * Decodes an audio file with Chromium's own decoders (WAV, MP3, AAC/M4A, Ogg/Opus, WebM/Opus:
 * the ones Electron ships; nothing downloaded) straight into a 16 kHz context, so the decoder
 * resamples while decoding and an hour of stereo audio never exists at 48 kHz in memory, then
 * mixes the channels down to mono 16-bit PCM, what whisper.cpp takes. A damaged or truncated
 * file that Chromium cannot read is AUDIO_UNDECODABLE.
 */
export interface DecodedAudio {
  pcm: Int16Array<ArrayBuffer>;
  durationMs: number;
}

export async function decodeAudio(bytes: Uint8Array): Promise<DecodedAudio> {
  // decodeAudioData takes (and detaches) an ArrayBuffer of its own.
  const copy = bytes.slice().buffer;
  const context = new OfflineAudioContext(1, 1, PCM_SAMPLE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await context.decodeAudioData(copy);
  } catch {
    throw new AppError('AUDIO_UNDECODABLE');
  }
  if (buffer.length === 0 || !Number.isFinite(buffer.duration)) throw new AppError('AUDIO_UNDECODABLE');
  const mono = buffer.sampleRate === PCM_SAMPLE_RATE ? mixDown(buffer) : await resample(buffer);
  const pcm = new Int16Array(mono.length);
  for (let i = 0; i < mono.length; i++) {
    const v = Math.max(-1, Math.min(1, mono[i] ?? 0));
    pcm[i] = v < 0 ? Math.round(v * 0x8000) : Math.round(v * 0x7fff);
  }
  return { pcm, durationMs: Math.round(buffer.duration * 1000) };
}

function mixDown(buffer: AudioBuffer): Float32Array {
  if (buffer.numberOfChannels === 1) return buffer.getChannelData(0);
  const out = new Float32Array(buffer.length);
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const data = buffer.getChannelData(c);
    for (let i = 0; i < out.length; i++) out[i]! += data[i]! / buffer.numberOfChannels;
  }
  return out;
}

/** When a decoder kept its own rate: Chromium's resampler, through an OfflineAudioContext. */
async function resample(buffer: AudioBuffer): Promise<Float32Array> {
  const frames = Math.ceil(buffer.duration * PCM_SAMPLE_RATE);
  const context = new OfflineAudioContext(1, frames, PCM_SAMPLE_RATE);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.start();
  return (await context.startRendering()).getChannelData(0);
}
