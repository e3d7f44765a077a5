import type { Line } from './lines';
import { type Labelled, splitSpeakerLabel, teamsHeading } from './speakerLabel';
import { type Extracted, TurnCollector } from './turns';

export interface TextOptions {
  /** Word paragraphs from Teams may put a single space between name and time. */
  looseTeamsHeadings: boolean;
}

/**
 * Plain-text transcripts, also the paragraphs of a .docx. Two shapes exist:
 * - `Name: text` lines;
 * - Teams' shape: a `Name   0:03` line, then the turn's text on the lines below it.
 * The file is read in one shape, the one with more speaker lines. Mixing them would turn
 * "Afspraak: we zoeken..." under a Teams heading into a speaker called "Afspraak".
 * In both, a line without a speaker continues the turn above it: people wrap long turns.
 */
export function parseTextLines(lines: readonly Line[], options: TextOptions): Extracted {
  const labels: (Labelled | null)[] = [];
  const headings: (Labelled | null)[] = [];
  let labelCount = 0;
  let headingCount = 0;
  for (const line of lines) {
    const usable = !line.blank && !line.problem;
    const label = usable ? splitSpeakerLabel(line.text) : null;
    const heading = usable ? teamsHeading(line.text, !options.looseTeamsHeadings) : null;
    labels.push(label);
    headings.push(heading);
    if (label) labelCount++;
    if (heading) headingCount++;
  }
  const speakerLines = headingCount > 0 && headingCount >= labelCount ? headings : labels;

  const out = new TurnCollector();
  lines.forEach((line, index) => {
    if (line.blank) return;
    if (line.problem) {
      out.skip(line.no, line.problem);
      return;
    }
    const speaker = speakerLines[index];
    if (speaker) out.start(speaker.speaker, speaker.text, speaker.startMs);
    else if (!out.continue(line.text.trim())) out.skip(line.no, 'no_speaker');
  });
  return out.result();
}
