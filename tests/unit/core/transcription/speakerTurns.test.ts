import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSpeakerTurns, assignSpeakers, type SpeakerSpan, speakerCount, type TimedText } from '../../../../electron/core/transcription/speakerTurns';

const seg = (startMs: number, endMs: number, text: string): TimedText => ({ startMs, endMs, text });
const span = (startMs: number, endMs: number, speaker: number): SpeakerSpan => ({ startMs, endMs, speaker });
/** Turns as `speaker:text` strings, the shape the tables compare. */
const short = (segments: TimedText[], spans: SpeakerSpan[], maxSpeakers?: number): string[] =>
  alignSpeakerTurns(segments, spans, maxSpeakers === undefined ? {} : { maxSpeakers }).map((t) => `${t.speaker ?? '-'}:${t.text}`);

describe('alignSpeakerTurns', () => {
  it.each([
    {
      name: 'each segment to the speaker with the largest overlap',
      segments: [seg(0, 1000, 'a'), seg(1000, 2000, 'b')],
      spans: [span(0, 1300, 7), span(1300, 2000, 4)],
      // b overlaps speaker 7 for 300 ms and speaker 4 for 700 ms.
      want: ['1:a', '2:b'],
    },
    {
      name: 'consecutive segments of one speaker merged',
      segments: [seg(0, 1000, 'a'), seg(1000, 2000, 'b'), seg(2000, 3000, 'c')],
      spans: [span(0, 2000, 0), span(2000, 3000, 1)],
      want: ['1:a b', '2:c'],
    },
    {
      name: 'no overlap leaves a segment unassigned, and unassigned ones are not merged',
      segments: [seg(0, 1000, 'a'), seg(5000, 6000, 'b'), seg(6000, 7000, 'c'), seg(8000, 9000, 'd')],
      spans: [span(0, 1000, 2), span(8000, 9000, 2)],
      want: ['1:a', '-:b', '-:c', '1:d'],
    },
    {
      name: 'numbers follow the order speakers are first heard, not the model ids',
      segments: [seg(0, 1000, 'a'), seg(1000, 2000, 'b'), seg(2000, 3000, 'c')],
      spans: [span(0, 1000, 5), span(1000, 2000, 0), span(2000, 3000, 5)],
      want: ['1:a', '2:b', '1:c'],
    },
    {
      name: 'a fourth speaker is left for the quick keys',
      segments: [seg(0, 1000, 'a'), seg(1000, 2000, 'b'), seg(2000, 3000, 'c'), seg(3000, 4000, 'd'), seg(4000, 5000, 'e')],
      spans: [span(0, 1000, 0), span(1000, 2000, 1), span(2000, 3000, 2), span(3000, 4000, 3), span(4000, 5000, 0)],
      want: ['1:a', '2:b', '3:c', '-:d', '1:e'],
    },
    {
      name: 'overlapping speech: the longer total overlap wins, summed over spans',
      segments: [seg(0, 3000, 'a'), seg(3000, 4000, 'b')],
      spans: [span(0, 1000, 1), span(500, 1500, 2), span(2000, 2800, 2), span(3000, 4000, 1)],
      // a: speaker 1 for 1000 ms, speaker 2 for 1000 + 800 ms, so 2 is heard first.
      want: ['1:a', '2:b'],
    },
    {
      name: 'a tie goes to the speaker whose span starts first, whatever the list order',
      segments: [seg(0, 2000, 'a'), seg(2000, 3000, 'b')],
      spans: [span(1000, 2000, 3), span(0, 1000, 8), span(2000, 3000, 3)],
      want: ['1:a', '2:b'],
    },
    {
      name: 'a segment of no length goes to the span containing its moment',
      segments: [seg(1500, 1500, 'a'), seg(4000, 4000, 'b')],
      spans: [span(1000, 2000, 0), span(2000, 3000, 1)],
      want: ['1:a', '-:b'],
    },
    {
      name: 'spans touching a segment only at its edge do not count',
      segments: [seg(1000, 2000, 'a')],
      spans: [span(0, 1000, 0), span(2000, 3000, 1)],
      want: ['-:a'],
    },
    {
      name: 'invalid spans from the model are ignored (NaN, reversed, negative id)',
      segments: [seg(0, 1000, 'a')],
      spans: [span(Number.NaN, 1000, 0), span(900, 100, 1), span(0, 1000, -1), span(0, 1000, 1.5)],
      want: ['-:a'],
    },
    {
      name: 'no spans at all: everything unassigned',
      segments: [seg(0, 1000, 'a'), seg(1000, 2000, 'b')],
      spans: [],
      want: ['-:a', '-:b'],
    },
    { name: 'no segments: no turns', segments: [], spans: [span(0, 1000, 0)], want: [] },
  ])('$name', ({ segments, spans, want }) => {
    expect(short(segments, spans)).toEqual(want);
  });

  it('keeps the first start and the last end of a merged turn', () => {
    const turns = alignSpeakerTurns([seg(100, 900, 'a'), seg(950, 1800, 'b')], [span(0, 2000, 0)]);
    expect(turns).toEqual([{ startMs: 100, endMs: 1800, text: 'a b', speaker: 1 }]);
    expect(speakerCount(turns)).toBe(1);
  });

  it('assignSpeakers gives one speaker per segment in the segments\' own order, unmerged, numbered as the turns are', () => {
    const segments = [seg(2000, 3000, 'c'), seg(0, 1000, 'a'), seg(1000, 2000, 'b'), seg(9000, 9500, 'd')];
    const spans = [span(0, 2000, 6), span(2000, 3000, 2)];
    expect(assignSpeakers(segments, spans)).toEqual([2, 1, 1, null]);
    expect(short(segments, spans)).toEqual(['1:a b', '2:c', '-:d']);
  });

  it('a lower limit leaves more for the keys', () => {
    expect(short([seg(0, 1000, 'a'), seg(1000, 2000, 'b')], [span(0, 1000, 0), span(1000, 2000, 1)], 1)).toEqual(['1:a', '-:b']);
  });

  it('gives a moment two spans that start together hold to the lower model id, in either order', () => {
    // Found by the random test below (seed 1092854765): the sweep's order decided it before.
    const segments = [seg(0, 0, 't0'), seg(400, 400, 't1')];
    expect(short(segments, [span(0, 401, 0), span(0, 1, 1)])).toEqual(['1:t0 t1']);
    expect(short(segments, [span(0, 1, 1), span(0, 401, 0)])).toEqual(['1:t0 t1']);
  });

  it('agrees with a plain all-pairs reference on random timelines', () => {
    const arbSpan = fc.record({ start: fc.integer({ min: 0, max: 20_000 }), len: fc.integer({ min: 1, max: 5_000 }), speaker: fc.integer({ min: 0, max: 4 }) })
      .map(({ start, len, speaker }) => span(start, start + len, speaker));
    const arbSegments = fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 30 }).map((lengths) => {
      let at = 0;
      return lengths.map((len, i) => {
        const s = seg(at, at + len, `t${i}`);
        at += len + (i % 3 === 0 ? 400 : 0);
        return s;
      });
    });
    fc.assert(fc.property(arbSegments, fc.array(arbSpan, { maxLength: 40 }), (segments, spans) => {
      // Reference: every segment against every span, then the same numbering and merging.
      const ids = segments.map((s) => {
        const total = new Map<number, { ms: number; first: number }>();
        for (const p of spans) {
          const ms = s.endMs > s.startMs ? Math.min(s.endMs, p.endMs) - Math.max(s.startMs, p.startMs)
            : p.startMs <= s.startMs && s.startMs < p.endMs ? Number.MIN_VALUE : 0;
          if (ms <= 0) continue;
          const t = total.get(p.speaker) ?? { ms: 0, first: Infinity };
          total.set(p.speaker, { ms: t.ms + ms, first: Math.min(t.first, p.startMs) });
        }
        let best: number | null = null;
        let bestMs = 0;
        let bestFirst = Infinity;
        for (const [id, t] of total) {
          if (t.ms > bestMs || (t.ms === bestMs && (t.first < bestFirst || (t.first === bestFirst && best !== null && id < best)))) [best, bestMs, bestFirst] = [id, t.ms, t.first];
        }
        return best;
      });
      const numbers = new Map<number, number>();
      const expected: string[] = [];
      let lastSpeaker: number | null | undefined;
      segments.forEach((s, i) => {
        const id = ids[i]!;
        let n: number | null = null;
        if (id !== null) {
          if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
          n = numbers.get(id)! <= 3 ? numbers.get(id)! : null;
        }
        if (n !== null && lastSpeaker === n) expected[expected.length - 1] += ` ${s.text}`;
        else expected.push(`${n ?? '-'}:${s.text}`);
        lastSpeaker = n;
      });
      expect(short(segments, spans)).toEqual(expected);
    }), { numRuns: 300 });
  });
});
