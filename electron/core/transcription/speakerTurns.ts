/**
 * Speaker turns from two timelines (issue 17): whisper's segments (what was said, when) and the
 * speaker-separation model's spans (who spoke, when). Pure, so it is tested with tables.
 *
 * - Each segment goes to the speaker whose spans overlap it longest. A segment of no length
 *   (whisper gives some) goes to the speaker whose span contains its moment.
 * - Nothing overlaps it: it stays unassigned (speaker null), for the mentor's quick keys.
 * - Speakers are numbered 1, 2, 3 … in the order they are first heard in the text, not by the
 *   model's own ids (those are arbitrary). Past `maxSpeakers` (the quick keys go to 3) a segment
 *   is left unassigned rather than given a number the mentor cannot type.
 * - Consecutive segments of one speaker become one turn (its start, the last one's end, the texts
 *   joined by a space). Unassigned segments are never merged, so each can get its own key.
 * - Ties in overlap go to the speaker whose overlapping span starts first, and spans that start
 *   together to the lower model id, so the result does not depend on the order the model listed
 *   its spans in.
 */

export interface TimedText {
  startMs: number;
  endMs: number;
  text: string;
}

/** One span of the speaker-separation model, in milliseconds; `speaker` is the model's own id. */
export interface SpeakerSpan {
  startMs: number;
  endMs: number;
  speaker: number;
}

export interface SpeakerTurn extends TimedText {
  /** 1-based in order of first appearance, or null when left for the quick keys. */
  speaker: number | null;
}

export interface AlignOptions {
  maxSpeakers?: number;
}

const valid = (span: SpeakerSpan): boolean =>
  Number.isFinite(span.startMs) && Number.isFinite(span.endMs) && span.endMs > span.startMs && Number.isInteger(span.speaker) && span.speaker >= 0;

/** The model's speaker id for one segment, or null; `active` holds the spans that may touch it. */
function dominantSpeaker(segment: TimedText, active: readonly SpeakerSpan[]): number | null {
  const overlap = new Map<number, { ms: number; firstStart: number }>();
  for (const span of active) {
    const ms = segment.endMs > segment.startMs
      ? Math.min(segment.endMs, span.endMs) - Math.max(segment.startMs, span.startMs)
      // A moment: inside the span counts, as an overlap too small to beat a real one.
      : span.startMs <= segment.startMs && segment.startMs < span.endMs ? Number.MIN_VALUE : 0;
    if (ms <= 0) continue;
    const seen = overlap.get(span.speaker);
    if (seen) {
      seen.ms += ms;
      seen.firstStart = Math.min(seen.firstStart, span.startMs);
    } else overlap.set(span.speaker, { ms, firstStart: span.startMs });
  }
  let best: number | null = null;
  let bestMs = 0;
  let bestStart = Infinity;
  for (const [speaker, { ms, firstStart }] of overlap) {
    if (ms > bestMs || (ms === bestMs && (firstStart < bestStart || (firstStart === bestStart && best !== null && speaker < best)))) {
      best = speaker;
      bestMs = ms;
      bestStart = firstStart;
    }
  }
  return best;
}

/**
 * The speaker of each segment, in the segments' own order, without merging: what the preview
 * shows, so the mentor can still correct one whisper segment at a time with the keys (the turns
 * are merged when they are inserted, as alignSpeakerTurns does).
 */
export function assignSpeakers(segments: readonly TimedText[], spans: readonly SpeakerSpan[], options: AlignOptions = {}): Array<number | null> {
  const order = segments.map((_, i) => i).sort((a, b) => segments[a]!.startMs - segments[b]!.startMs);
  const speakers = new Array<number | null>(segments.length).fill(null);
  sweep(order.map((i) => segments[i]!), spans, options).forEach((speaker, k) => { speakers[order[k]!] = speaker; });
  return speakers;
}

export function alignSpeakerTurns(segments: readonly TimedText[], spans: readonly SpeakerSpan[], options: AlignOptions = {}): SpeakerTurn[] {
  // Segments in time order (whisper's are already); the sort is stable, so equal starts keep theirs.
  const ordered = [...segments].sort((a, b) => a.startMs - b.startMs);
  const speakers = sweep(ordered, spans, options);
  const turns: SpeakerTurn[] = [];
  ordered.forEach((segment, k) => {
    const speaker = speakers[k]!;
    const last = turns.at(-1);
    if (last && speaker !== null && last.speaker === speaker) {
      last.text = `${last.text} ${segment.text}`;
      last.endMs = Math.max(last.endMs, segment.endMs);
    } else {
      turns.push({ startMs: segment.startMs, endMs: segment.endMs, text: segment.text, speaker });
    }
  });
  return turns;
}

/** Speakers of segments already in time order, numbered by first appearance. */
function sweep(ordered: readonly TimedText[], spans: readonly SpeakerSpan[], options: AlignOptions): Array<number | null> {
  const maxSpeakers = options.maxSpeakers ?? 3;
  const sortedSpans = spans.filter(valid).sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);

  // A sweep: spans enter once they start before the segment ends and leave once they end
  // before it starts, so a long recording costs about its segments plus its spans.
  let next = 0;
  let active: SpeakerSpan[] = [];
  const numbers = new Map<number, number>();
  const out: Array<number | null> = [];
  for (const segment of ordered) {
    while (next < sortedSpans.length && sortedSpans[next]!.startMs <= Math.max(segment.endMs, segment.startMs)) active.push(sortedSpans[next++]!);
    active = active.filter((span) => span.endMs > segment.startMs);
    const id = dominantSpeaker(segment, active);
    let speaker: number | null = null;
    if (id !== null) {
      if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
      const number = numbers.get(id)!;
      speaker = number <= maxSpeakers ? number : null;
    }
    out.push(speaker);
  }
  return out;
}

/** How many speakers the turns name (for the result's summary). */
export function speakerCount(turns: readonly SpeakerTurn[]): number {
  return new Set(turns.flatMap((t) => (t.speaker === null ? [] : [t.speaker]))).size;
}
