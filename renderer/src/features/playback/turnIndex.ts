import type { DialogueDoc } from '../../../../shared/editorDoc';

/**
 * Where each timed turn sits in the document, ordered by start: what playback needs to find the
 * turn being heard. Built once per document change (O(n)); looking up a moment is a binary search
 * (O(log n)), so a `timeupdate` several times a second costs next to nothing in a long transcript.
 */
export interface TurnIndex {
  /** Start times, ascending. */
  starts: number[];
  /** The paragraph's path ([section, block]) for each start. */
  paths: [number, number][];
  speakers: string[];
}

export function buildTurnIndex(doc: DialogueDoc): TurnIndex {
  const entries: { start: number; path: [number, number]; speaker: string }[] = [];
  doc.forEach((section, sectionIndex) => {
    section.children.forEach((block, blockIndex) => {
      if (block.type === 'paragraph' && block.startMs !== undefined) entries.push({ start: block.startMs, path: [sectionIndex, blockIndex], speaker: block.speaker ?? '' });
    });
  });
  // Stable: turns with the same start keep document order. Usually already sorted.
  entries.sort((a, b) => a.start - b.start);
  return { starts: entries.map((entry) => entry.start), paths: entries.map((entry) => entry.path), speakers: entries.map((entry) => entry.speaker) };
}

/** The index of the last turn that starts at or before `ms`; -1 before the first turn. */
export function turnAt(starts: readonly number[], ms: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= ms) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
