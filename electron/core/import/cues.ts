import { type VoiceSpan, splitVoices, stripMarkup } from './cueMarkup';
import type { Line } from './lines';
import { splitSpeakerLabel } from './speakerLabel';
import { parseTimingLine } from './timecode';
import type { TurnCollector } from './turns';

/**
 * One VTT or SRT cue block: an optional identifier (SRT's number), the timing line, then text.
 * Every turn of the cue starts at the cue's start, whatever the text says.
 */
export function parseCue(block: readonly Line[], out: TurnCollector): void {
  const timingIndex = block.findIndex((line, index) => index < 2 && line.text.includes('-->'));
  const timing = block[timingIndex];
  if (!timing) {
    out.skip(block[0]!.no, 'bad_timing');
    return;
  }
  const startMs = timing.problem ? null : parseTimingLine(timing.text);
  if (startMs === null) {
    out.skip(timing.no, 'bad_timing');
    return;
  }

  const readable: Line[] = [];
  for (const line of block.slice(timingIndex + 1)) {
    if (line.problem) out.skip(line.no, line.problem);
    else readable.push(line);
  }
  // A cue whose lines were all skipped already is reported once, for those lines.
  if (readable.length === 0 && block.length > timingIndex + 1) return;

  // Voice spans may run over lines, so a voiced cue is read as one text.
  const voices = splitVoices(readable.map((line) => line.text).join(' '));
  const hadText = voices ? voicedCue(voices, readable[0]!.no, startMs, out) : labelledCue(readable, startMs, out);
  if (!hadText) out.skip(timing.no, 'empty_cue');
  // Speaker-less text never continues a turn of an earlier cue. A caption file may omit the
  // name because the speaker did not change, or because nobody knew who spoke; putting words in
  // the wrong mouth in the record of a student's dialogue is worse than a visible skip that the
  // mentor can fix by hand.
  out.close();
}

// A voice annotation is free text; one longer than a participant's name can be is not a name.
const MAX_VOICE_CHARS = 200;

/** `<v Name>` spans; text outside them may still carry a `Name:` label. */
function voicedCue(spans: readonly VoiceSpan[], firstLine: number, startMs: number, out: TurnCollector): boolean {
  let speakerless = false;
  for (const span of spans) {
    const named = span.speaker && span.speaker.length <= MAX_VOICE_CHARS;
    const labelled = named ? { speaker: span.speaker!, text: span.text } : splitSpeakerLabel(span.text, { cue: true });
    if (labelled) out.start(labelled.speaker, labelled.text, startMs);
    else speakerless = true;
  }
  // Spans have no line of their own: one entry per cue, not the same line number twice.
  if (speakerless) out.skip(firstLine, 'no_speaker');
  return spans.length > 0;
}

/** Lines with `Name: text` (or `[Name] text`, `- Name: text`); unlabelled lines continue the cue's last speaker. */
function labelledCue(lines: readonly Line[], startMs: number, out: TurnCollector): boolean {
  let hadText = false;
  for (const line of lines) {
    const plain = stripMarkup(line.text);
    if (plain.trim() === '') continue;
    hadText = true;
    const labelled = splitSpeakerLabel(plain, { cue: true });
    if (labelled) out.start(labelled.speaker, labelled.text, startMs);
    else if (!out.continue(plain)) out.skip(line.no, 'no_speaker');
  }
  return hadText;
}
