import { isSpeakerName } from './speakerLabel';

// What recording tools write into a transcript of their own accord. Each pattern is a whole line,
// so a sentence that merely mentions a transcript ("Mentor: ik heb de transcriptie gestopt")
// stays speech: only the tool writes a bare "<name> heeft de transcriptie gestopt".
const OTTER_FOOTER = /^transcribed\s+by\s+(?:https?:\/\/)?(?:www\.)?otter\.ai\/?\.?$/i;
const TEAMS_NOTE = /^(.{1,60}?)\s+(?:heeft\s+de\s+transcriptie\s+(?:gestart|gestopt)|(?:started|stopped)\s+transcription)\.?$/i;
// Teams writes display names such as "Jansen, M. (Mentor)" there too.
const TEAMS_NAME = /^\p{L}[\p{L}\p{M}\p{N} .,'’()-]*$/u;
// Tool lines are short; longer lines are never looked at (the patterns stay cheap on 10 MB).
const MAX_NOTE_CHARS = 120;

/**
 * True for a line that a recording tool added and nobody said: Otter's "Transcribed by
 * otter.ai" footer and Teams' "… heeft de transcriptie gestart/gestopt" ("… started/stopped
 * transcription"). Left in, the footer became the last words of the last speaker.
 */
export function isToolNote(line: string): boolean {
  const text = line.trim();
  // Every note names the transcript; most lines do not, and skip the patterns.
  if (text.length > MAX_NOTE_CHARS || !/transcri/i.test(text)) return false;
  if (OTTER_FOOTER.test(text)) return true;
  const teams = TEAMS_NOTE.exec(text);
  return teams !== null && isSpeakerName(teams[1]!, TEAMS_NAME);
}
