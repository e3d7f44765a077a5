import { describe, expect, it } from 'vitest';
import type { DialogueDoc } from '../../../shared/editorDoc';
import { buildTurnIndex, turnAt } from '../../../renderer/src/features/playback/turnIndex';
import { formatClock } from '../../../renderer/src/features/playback/timeFormat';

describe('turnAt: the turn being heard, by binary search over start times', () => {
  const starts = [0, 4_000, 10_000, 10_000, 16_000];
  it.each([
    [-1, -1], [0, 0], [3_999, 0], [4_000, 1], [9_999, 1], [10_000, 3], [15_000, 3], [16_000, 4], [99_999_999, 4],
  ])('at %i ms → turn %i', (ms, index) => {
    expect(turnAt(starts, ms)).toBe(index);
  });

  it('no turns: -1', () => {
    expect(turnAt([], 5_000)).toBe(-1);
  });

  it('agrees with a linear scan on a long transcript', () => {
    const long = Array.from({ length: 5_000 }, (_, index) => index * 3_000 + (index % 7) * 11);
    for (const ms of [0, 1, 2_999, 3_000, 7_777_777, 14_999_999, 20_000_000]) {
      const linear = long.reduce((found, start, index) => (start <= ms ? index : found), -1);
      expect(turnAt(long, ms)).toBe(linear);
    }
  });
});

describe('buildTurnIndex', () => {
  it('lists timed paragraphs with their paths, ordered by start; untimed ones and lists are left out', () => {
    const doc: DialogueDoc = [
      { type: 'section', sectionKey: 'a', children: [
        { type: 'paragraph', children: [{ text: 'notitie' }] },
        { type: 'paragraph', speaker: 'M', startMs: 2_000, children: [{ text: 'b' }] },
      ] },
      { type: 'section', sectionKey: 'b', children: [
        { type: 'bulleted-list', children: [{ type: 'list-item', children: [{ text: 'x' }] }] },
        { type: 'paragraph', speaker: 'S', startMs: 1_000, children: [{ text: 'a' }] },
        { type: 'paragraph', speaker: 'S', children: [{ text: 'zonder tijd' }] },
      ] },
    ];
    expect(buildTurnIndex(doc)).toEqual({ starts: [1_000, 2_000], paths: [[1, 1], [0, 1]], speakers: ['S', 'M'] });
  });
});

describe('formatClock', () => {
  it.each([[0, '0:00'], [5_999, '0:05'], [65_000, '1:05'], [3_725_000, '1:02:05'], [-5, '0:00']])('%i ms → %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});
