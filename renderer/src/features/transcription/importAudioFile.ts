import { getApi } from '../../api';
import { decodeAudio } from './decodeAudio';

/**
 * The mentor picks an audio file for a dialogue; the backend reads it bounded and sniffs its
 * type; Chromium decodes it here before anything is stored, so a file it cannot read is refused
 * (AUDIO_UNDECODABLE) and nothing is kept. Returns its duration, or null when the pick was
 * cancelled. Used by the transcription panel and by "Audio koppelen" for a timed transcript.
 */
export async function importAudioFile(dialogueId: string): Promise<{ durationMs: number } | null> {
  const picked = await getApi().audio.pick({ dialogueId });
  if (!picked) return null;
  const { durationMs } = await decodeAudio(picked.bytes);
  await getApi().audio.store({ token: picked.token, durationMs });
  return { durationMs };
}
