import { describe, expect, it } from 'vitest';
import { initialSpeakers, segmentsToTurns } from '../../../renderer/src/features/transcription/TranscribeDialog';
import type { Segment } from '../../../shared/transcriptionSchemas';

/** The transcription preview's quick-key speakers as the result gives them (ADR 0024), and the turns they make. */
const seg = (startMs: number, text: string, speaker?: number | null): Segment => ({ startMs, endMs: startMs + 1000, text, ...(speaker !== undefined ? { speaker } : {}) });

describe('speakers in the transcription preview', () => {
  it.each([
    { name: 'no model: everyone starts as speaker 1, for the keys', segments: [seg(0, 'a'), seg(1000, 'b')], want: [1, 1] },
    { name: 'the model\'s speakers are kept', segments: [seg(0, 'a', 1), seg(1000, 'b', 2), seg(2000, 'c', 3)], want: [1, 2, 3] },
    { name: 'left unassigned by the model: 0, shown as "?"', segments: [seg(0, 'a', 1), seg(1000, 'b', null)], want: [1, 0] },
  ])('$name', ({ segments, want }) => {
    expect(initialSpeakers(segments)).toEqual(want);
  });

  it('turns: named speakers merge as before, an unassigned fragment gets no speaker name', () => {
    const segments = [seg(0, 'a', 1), seg(1000, 'b', 1), seg(2000, 'c', null), seg(3000, 'd', 2)];
    const turns = segmentsToTurns(segments, initialSpeakers(segments), ['Mentor', 'Sanne', 'Ouder'], []);
    expect(turns.map((t) => [t.speaker, t.text, t.startMs])).toEqual([['Mentor', 'a b', 0], ['', 'c', 2000], ['Sanne', 'd', 3000]]);
  });
});
