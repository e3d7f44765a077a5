import type { Line } from './lines';
import { type Labelled, isSpeakerName, splitSpeakerLabel, teamsHeading } from './speakerLabel';
import { parseTimingLine } from './timecode';
import { type Extracted, TurnCollector } from './turns';

export interface TextOptions {
  /** Word paragraphs from Teams may put a single space between name and time. */
  looseTeamsHeadings: boolean;
}

// Teams writes display names such as "Jansen, M. (Mentor)" on the name line of its older layout.
const TEAMS_NAME = /^\p{L}[\p{L}\p{M}\p{N} .,'’()-]*$/u;

/** Where each shape finds a speaker: line index → speaker, and how many it found. */
interface Shape { speakers: (Labelled | null)[]; count: number }

/**
 * Plain-text transcripts, also the paragraphs of a .docx. Three shapes exist:
 * - `Name: text` lines;
 * - a heading shape: a `Name   0:03` line (Teams' Word export, Otter's `Speaker 1  0:00`), then
 *   the turn's text on the lines below it;
 * - Teams' older layout: a cue timing line `0:0:3.450 --> 0:0:7.120`, a line with only the
 *   name, then the text lines.
 * The file is read in one shape, the one with the most speaker lines. Mixing them would turn
 * "Afspraak: we zoeken..." under a Teams heading into a speaker called "Afspraak".
 * A line without a speaker continues the turn above it: people wrap long turns. Only in the cue
 * layout does a timing line end the turn: the next words belong to the next cue's speaker.
 * Timing lines never become words, whatever the shape.
 */
export function parseTextLines(lines: readonly Line[], options: TextOptions): Extracted {
  const timing = lines.map((line) => !line.blank && !line.problem && line.text.includes('-->') && parseTimingLine(line.text) !== null);
  const labels = labelShape(lines);
  const headings = headingShape(lines, options.looseTeamsHeadings);
  const cues = cueShape(lines, timing);
  const cueWins = cues.count > 0 && cues.count >= headings.count && cues.count >= labels.count;
  const shape = cueWins ? cues : headings.count > 0 && headings.count >= labels.count ? headings : labels;

  const out = new TurnCollector();
  lines.forEach((line, index) => {
    if (line.blank) return;
    if (line.problem) {
      out.skip(line.no, line.problem);
      return;
    }
    if (timing[index]) {
      if (cueWins) out.close();
      return;
    }
    const speaker = shape.speakers[index];
    if (speaker) out.start(speaker.speaker, speaker.text, speaker.startMs);
    else if (!out.continue(line.text.trim())) out.skip(line.no, 'no_speaker');
  });
  return out.result();
}

function usable(line: Line | undefined): line is Line {
  return line !== undefined && !line.blank && !line.problem;
}

function labelShape(lines: readonly Line[]): Shape {
  const speakers = lines.map((line) => (usable(line) ? splitSpeakerLabel(line.text) : null));
  return { speakers, count: speakers.filter(Boolean).length };
}

/**
 * Headings. Plain text asks for a tab or two spaces before the time, so "Tot morgen 9:30" stays
 * a sentence; Word paragraphs come from Teams and may have one space. Otter writes its headings
 * with one space too ("Speaker 1 0:00"), so in plain text a one-space heading counts when it
 * stands as headings stand: right above its text, and after a blank line or under a name that
 * heads other turns as well. A sentence that happens to end in a time sits inside a turn's text
 * or ends it, and meets neither.
 */
function headingShape(lines: readonly Line[], loose: boolean): Shape {
  const strict = lines.map((line) => (usable(line) ? teamsHeading(line.text, !loose) : null));
  if (loose) return { speakers: strict, count: strict.filter(Boolean).length };

  const relaxed = lines.map((line, index) => (usable(line) && !strict[index] ? teamsHeading(line.text, false) : null));
  const isHeading = (index: number) => Boolean(strict[index] ?? relaxed[index]);
  const aboveText = (index: number) => usable(lines[index + 1]) && !isHeading(index + 1);
  const candidates = relaxed.map((heading, index) => (heading && aboveText(index) ? heading : null));
  const uses = new Map<string, number>();
  for (const heading of [...strict, ...candidates]) if (heading) uses.set(heading.speaker, (uses.get(heading.speaker) ?? 0) + 1);
  const speakers = strict.map((heading, index) => {
    if (heading) return heading;
    const candidate = candidates[index];
    if (!candidate) return null;
    const afterBreak = index === 0 || lines[index - 1]!.blank;
    return afterBreak || (uses.get(candidate.speaker) ?? 0) > 1 ? candidate : null;
  });
  return { speakers, count: speakers.filter(Boolean).length };
}

/**
 * Teams' older layout: timing line, name line, text. The name line counts only with text below
 * it before the next timing line, so a one-word caption ("Ja") under a timing line stays words.
 */
function cueShape(lines: readonly Line[], timing: readonly boolean[]): Shape {
  const speakers: (Labelled | null)[] = lines.map(() => null);
  let count = 0;
  const nextNonBlank = (from: number) => {
    let index = from;
    while (index < lines.length && lines[index]!.blank) index++;
    return index;
  };
  lines.forEach((line, index) => {
    if (!timing[index]) return;
    const nameAt = nextNonBlank(index + 1);
    const name = lines[nameAt];
    if (!usable(name) || timing[nameAt] || !isSpeakerName(name.text, TEAMS_NAME)) return;
    const textAt = nextNonBlank(nameAt + 1);
    if (!usable(lines[textAt]) || timing[textAt]) return;
    speakers[nameAt] = { speaker: name.text.trim(), text: '', startMs: parseTimingLine(line.text) };
    count++;
  });
  return { speakers, count };
}
