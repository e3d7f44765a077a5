import type { BackendOptions } from '../../../electron/core/backend';
import type { TranscriptionEngine } from '../../../electron/core/transcription/engine';
import { AppError } from '../../../shared/errors';

/**
 * Loaded by the backend host (from sources only): a transcription engine with fixed Dutch
 * output, so that e2e tests and the tour are deterministic and need no model weights. It reports
 * progress in ten steps over about a second and a half, answers silence with no segments (as
 * whisper.cpp does), and stops when cancelled. The segments spread over the audio's length.
 * When the school's speaker-separation models are there, it answers spans as that model would:
 * mentor and student take turns, line by line (model ids 4 and 9, renumbered by the app).
 */
const LINES = [
  'Fijn dat je er bent. Hoe gaat het met je stage?',
  'Goed, ik mag nu zelf klanten helpen bij de balie.',
  'Wat vind je daar het leukst aan?',
  'Dat ik mensen verder kan helpen, en dat het elke dag anders is.',
  'Zullen we afspreken dat je volgende week uitzoekt welke opleiding daarbij past?',
  'Ja, dat ga ik doen.',
];

export const fakeTranscriptionEngine: TranscriptionEngine = {
  transcribe(pcm, options, onProgress, signal) {
    return new Promise((resolve, reject) => {
      let step = 0;
      const started = Date.now();
      const tick = (): void => {
        if (signal.aborted) return reject(new AppError('TRANSCRIPTION_CANCELLED'));
        step += 1;
        const percent = step * 10;
        onProgress({ percent, secondsLeft: Math.max(0, Math.round(((Date.now() - started) / 1000) * ((100 - percent) / percent))) });
        if (step < 10) {
          timer = setTimeout(tick, 150);
          return;
        }
        let loud = 0;
        for (let i = 0; i < pcm.length; i += 16) loud = Math.max(loud, Math.abs(pcm[i] ?? 0));
        if (loud < 200) return resolve([]);
        const audioMs = Math.round((pcm.length / 16_000) * 1000);
        const slot = audioMs / LINES.length;
        const segments = LINES.map((text, i) => ({ startMs: Math.round(i * slot), endMs: Math.round((i + 1) * slot), text }));
        options.diarization?.onSpans(segments.map((s, i) => ({ startMs: s.startMs, endMs: s.endMs, speaker: i % 2 ? 9 : 4 })));
        resolve(segments);
      };
      let timer = setTimeout(tick, 150);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new AppError('TRANSCRIPTION_CANCELLED'));
      });
    });
  },
};

const hooks: Partial<BackendOptions> = { transcriptionEngine: fakeTranscriptionEngine };
export default hooks;
