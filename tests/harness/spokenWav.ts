import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the fake microphone says: a mentor opening a career dialogue, in Dutch. */
export const SPOKEN_DUTCH = 'Hoi Noor, fijn dat je er bent. Vertel eens, hoe ging je stage bij de dierenkliniek deze week? Wat heb je meegemaakt?';

/**
 * A WAV of `text` spoken in Dutch by espeak-ng, for Chromium's fake microphone. Returns the reason
 * instead when espeak-ng is not installed or fails, so a test can say why it skips.
 */
export function spokenDutchWav(dir: string, text = SPOKEN_DUTCH): { wav: string } | { missing: string } {
  const wav = join(dir, 'fake-microphone.wav');
  try {
    execFileSync('espeak-ng', ['-v', 'nl', '-s', '150', '-w', wav, text], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  } catch (error) {
    return { missing: `espeak-ng could not make a Dutch WAV (${(error as { code?: string }).code ?? (error as Error).message})` };
  }
  if (!existsSync(wav) || statSync(wav).size < 1000) return { missing: 'espeak-ng wrote no audio' };
  return { wav };
}
