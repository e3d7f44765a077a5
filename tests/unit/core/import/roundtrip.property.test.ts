import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';

const NAMES = ['Mentor', 'Sanne de Vries', 'Daan', 'Zoë', 'Jan-Willem', "O'Neil", 'Spreker 2'];
// Printable: no control, unassigned, private-use or surrogate code points. Line breaks are
// controls, so every turn stays on its own line.
const PRINTABLE = /^[^\p{Cc}\p{Cn}\p{Co}\p{Cs}]*$/u;

// Arbitrary graphemes rarely hold spaces or colons, so pieces that look like labels, times and
// markup are mixed in: text that resembles a speaker must still stay text after a label.
const TRICKY = [' ', '  ', '\t', '\u00A0', '\u3000', ':', ': ', 'Sanne: ', 'Daan:', '[00:01:02] ', '  0:03', '(01:05): ', '<v Daan>', '&amp;', '- ', '[Zoë] ', 'WEBVTT', '-->'];
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }).filter((text) => PRINTABLE.test(text)),
  fc.constantFrom(...TRICKY),
);
const turn = fc.record({
  speaker: fc.constantFrom(...NAMES),
  text: fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join('')),
});

/** What the parser should give back: normalised text, empty turns gone, runs of one speaker merged. */
function expected(turns: { speaker: string; text: string }[]): { speaker: string; text: string }[] {
  const out: { speaker: string; text: string }[] = [];
  for (const { speaker, text } of turns) {
    const normalised = text.replace(/\s+/g, ' ').trim();
    if (normalised === '') continue;
    const last = out.at(-1);
    if (last?.speaker === speaker) last.text += ` ${normalised}`;
    else out.push({ speaker, text: normalised });
  }
  return out;
}

describe('`Name: text` round trip', () => {
  it('gives back the speakers and texts that were written, merged per run of one speaker', async () => {
    await fc.assert(fc.asyncProperty(fc.array(turn, { minLength: 1, maxLength: 30 }), async (turns) => {
      const want = expected(turns);
      fc.pre(want.length > 0);
      const file = turns.map(({ speaker, text }) => `${speaker}: ${text}`).join('\n');
      const parsed = await parseTranscript('rond.txt', Buffer.from(file, 'utf8'), []);
      expect(parsed.turns.map(({ speaker, text }) => ({ speaker, text }))).toEqual(want);
      expect(parsed.speakers).toEqual([...new Set(want.map((t) => t.speaker))]);
      expect(parsed.skipped).toEqual([]);
    }), { numRuns: 300 });
  });
});
