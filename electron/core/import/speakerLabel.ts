import { TIMECODE_SOURCE, parseTimecode } from './timecode';

// What counts as a speaker's name in front of a colon. Transcripts are free text, and
// "Dat weet ik niet: misschien" must not become a speaker, so a name is short, starts with a
// letter and holds only what names hold (letters with any diacritics, digits for "Spreker 2",
// spaces, dots for initials, hyphens and apostrophes for "Jan-Willem" and "D'Souza").
const MAX_NAME_CHARS = 60;
const MAX_NAME_WORDS = 6;
const NAME = /^\p{L}[\p{L}\p{M}\p{N} .'’-]*$/u;
// Teams writes display names such as "Jansen, M. (Mentor)"; a line that is only a name and a
// time is a strong enough signal to allow commas and parentheses there.
const TEAMS_NAME = /^\p{L}[\p{L}\p{M}\p{N} .,'’()-]*$/u;

// All patterns run on a bounded head of the line, so a long line costs no more than a short one.
const HEAD_CHARS = 128;
const LEADING_TIME = new RegExp(String.raw`^[\[(]?(${TIMECODE_SOURCE})[\])]?\s+`);
// `Name: text` and `Name (00:01): text`; the colon must be followed by a space or end the line,
// so "Om 10:30 beginnen we" is not speaker "Om 10".
const COLON_LABEL = new RegExp(String.raw`^([^:()\[\]]{1,${MAX_NAME_CHARS}}?)\s{0,3}(?:[\[(](${TIMECODE_SOURCE})[\])]\s{0,3})?:(?=\s|$)`);
const BRACKET_LABEL = /^\[([^\]]{1,60})\]\s*/;
const DIALOGUE_DASH = /^[-–—]\s*/;
const TEAMS_HEADING_TIME = String.raw`(\d{1,2}(?::\d{2}){1,2})`;
const TEAMS_HEADING_STRICT = new RegExp(String.raw`^(.{1,${MAX_NAME_CHARS}}?)(?: {2,}|\t)\s*${TEAMS_HEADING_TIME}$`);
const TEAMS_HEADING_LOOSE = new RegExp(String.raw`^(.{1,${MAX_NAME_CHARS}}?)\s+${TEAMS_HEADING_TIME}$`);

export interface Labelled {
  speaker: string;
  text: string;
  /** From a timestamp written on the line itself; cue formats use the cue's start instead. */
  startMs: number | null;
}

export interface LabelOptions {
  /** Subtitle conventions: `[Name] text` and a dialogue dash before `Name:`. */
  cue?: boolean;
}

export function isSpeakerName(candidate: string, pattern: RegExp = NAME): boolean {
  const name = candidate.trim();
  return name.length > 0 && name.length <= MAX_NAME_CHARS && pattern.test(name) && name.split(/\s+/).length <= MAX_NAME_WORDS;
}

/** `Name: text` (optionally `[00:01:02] Name: text`, `Name (00:01): text`), or null when the line does not start with a speaker. */
export function splitSpeakerLabel(line: string, options: LabelOptions = {}): Labelled | null {
  let rest = line.trim();
  let startMs: number | null = null;

  const lead = LEADING_TIME.exec(rest.slice(0, HEAD_CHARS));
  if (lead) {
    startMs = parseTimecode(lead[1]!);
    rest = rest.slice(lead[0].length);
  }

  if (options.cue) {
    const bracket = BRACKET_LABEL.exec(rest.slice(0, HEAD_CHARS));
    // "[Muziek]" alone is a sound description, not a speaker; with words after it, it is a label.
    if (bracket && isSpeakerName(bracket[1]!) && rest.length > bracket[0].length) {
      return { speaker: bracket[1]!.trim(), text: rest.slice(bracket[0].length), startMs };
    }
    const dash = DIALOGUE_DASH.exec(rest);
    if (dash) rest = rest.slice(dash[0].length);
  }

  const label = COLON_LABEL.exec(rest.slice(0, HEAD_CHARS));
  if (!label || !isSpeakerName(label[1]!)) return null;
  const inlineStart = label[2] === undefined ? null : parseTimecode(label[2]);
  return { speaker: label[1]!.trim(), text: rest.slice(label[0].length).trim(), startMs: inlineStart ?? startMs };
}

/**
 * A line that is only a name and a time (`Mentor Jansen   0:03`), as Teams' Word export writes
 * above each turn. Strict mode, for plain text, asks for a tab or two spaces before the time so
 * "Tot morgen 9:30" stays a sentence; Word paragraphs come from Teams and may have one space.
 */
export function teamsHeading(line: string, strict: boolean): Labelled | null {
  const trimmed = line.trim();
  if (trimmed.length > HEAD_CHARS) return null;
  const match = (strict ? TEAMS_HEADING_STRICT : TEAMS_HEADING_LOOSE).exec(trimmed);
  if (!match || !isSpeakerName(match[1]!, TEAMS_NAME)) return null;
  return { speaker: match[1]!.trim(), text: '', startMs: parseTimecode(match[2]!) };
}
