// Timestamps as the formats write them: `01:02:03.456` (VTT), `01:02:03,456` (SRT), `02:03.456`,
// and the bare `0:03` / `1:02:03` of Teams and hand-typed transcripts. Two parts are minutes and
// seconds, three are hours, minutes and seconds. Teams' older transcripts write every part
// unpadded (`0:0:3.450`); with the hours there, one-digit seconds are unambiguous, so they are
// read, while `0:3` alone stays no time (it is as likely a ratio or a score).
const TIMECODE = /^(?:(\d{1,4}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/;

/** The source pattern, for embedding in the line patterns of the other modules. */
export const TIMECODE_SOURCE = String.raw`(?:\d{1,4}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;

/** Milliseconds, or null when the text is not a valid time (e.g. 61 seconds). */
export function parseTimecode(text: string): number | null {
  const match = TIMECODE.exec(text);
  if (!match) return null;
  const [, hours, minutes, seconds, fraction] = match;
  if (hours === undefined && seconds!.length < 2) return null;
  const h = Number(hours ?? 0);
  const m = Number(minutes);
  const s = Number(seconds);
  if (s >= 60 || (hours !== undefined && m >= 60)) return null;
  // `.5` is half a second, not 5 ms.
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'));
  return ((h * 60 + m) * 60 + s) * 1000 + ms;
}

const TIMING_LINE = /^(\S+?)[ \t]*-->[ \t]*(\S+)(?:[ \t].*)?$/;

/**
 * The start of a cue timing line (`start --> end [settings]`), or null when either side is not a
 * valid time. Only the start is used, but a broken end means the line is not what it claims to be.
 * An end before the start is tolerated: the words are still worth keeping.
 */
export function parseTimingLine(line: string): number | null {
  const match = TIMING_LINE.exec(line.trim());
  if (!match) return null;
  const start = parseTimecode(match[1]!);
  const end = parseTimecode(match[2]!);
  return start === null || end === null ? null : start;
}
