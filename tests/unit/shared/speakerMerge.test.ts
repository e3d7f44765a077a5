import { describe, expect, it } from 'vitest';
import type { ParsedTranscript } from '../../../shared/dialogueSchemas';
import { mergeSpeakers } from '../../../shared/speakerMerge';

const parsed: ParsedTranscript = {
  format: 'txt',
  turns: [
    { speaker: 'Mentor Jansen', text: 'Hoi Noor.', startMs: 0 },
    { speaker: 'M. Jansen', text: 'Hoe gaat het?', startMs: 2000 },
    { speaker: 'noor', text: 'Goed.', startMs: 4000 },
    { speaker: 'Noor', text: 'Echt goed.', startMs: 5000 },
    { speaker: 'M. Jansen', text: 'Mooi.', startMs: 6000 },
  ],
  speakers: ['Mentor Jansen', 'M. Jansen', 'noor', 'Noor'],
  skipped: [{ line: 9, reason: 'tool_note' }],
  suggestedMerges: [{ into: 'Mentor Jansen', from: ['M. Jansen'] }, { into: 'Noor', from: ['noor'] }],
};

describe('merging speakers the mentor chose to merge', () => {
  it('renames, joins the turns that now follow each other, and drops the offer it took', () => {
    const once = mergeSpeakers(parsed, 'Mentor Jansen', ['Mentor Jansen', 'M. Jansen']);
    expect(once.turns).toEqual([
      { speaker: 'Mentor Jansen', text: 'Hoi Noor. Hoe gaat het?', startMs: 0 },
      { speaker: 'noor', text: 'Goed.', startMs: 4000 },
      { speaker: 'Noor', text: 'Echt goed.', startMs: 5000 },
      { speaker: 'Mentor Jansen', text: 'Mooi.', startMs: 6000 },
    ]);
    expect(once.speakers).toEqual(['Mentor Jansen', 'noor', 'Noor']);
    expect(once.suggestedMerges).toEqual([{ into: 'Noor', from: ['noor'] }]);
    expect(once.skipped).toEqual(parsed.skipped);

    // The mentor may keep the other spelling; the last offer goes with it.
    const twice = mergeSpeakers(once, 'noor', ['Noor', 'noor']);
    expect(twice.turns.map((turn) => [turn.speaker, turn.text])).toEqual([['Mentor Jansen', 'Hoi Noor. Hoe gaat het?'], ['noor', 'Goed. Echt goed.'], ['Mentor Jansen', 'Mooi.']]);
    expect(twice.speakers).toEqual(['Mentor Jansen', 'noor']);
    expect(twice).not.toHaveProperty('suggestedMerges');
  });

  it('leaves the parse it was given untouched', () => {
    const copy = structuredClone(parsed);
    mergeSpeakers(parsed, 'Noor', ['Noor', 'noor']);
    expect(parsed).toEqual(copy);
  });
});
