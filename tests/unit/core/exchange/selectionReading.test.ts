import { describe, expect, it } from 'vitest';
import { selectionReading, utf16CodePoints } from '../../../../electron/core/exchange/selectionReading';

const TEXT = 'Leuk! 😀 Ik mocht zelf\r\nbrood vormen.';

function wordsAt(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

describe('selectionReading: positions as the tool that wrote them counted', () => {
  it('UTF-16 offsets become code points; one inside a surrogate pair or beyond the text is absent', () => {
    expect([...utf16CodePoints('a😀b', [0, 1, 2, 3, 4, 5])]).toEqual([[0, 0], [1, 1], [3, 2], [4, 3]]);
  });

  it('without names, or when the names fit the standard reading, positions are code points of the file as it is', () => {
    const start = Array.from(TEXT).indexOf('I');
    for (const name of ['', 'Ik mocht']) {
      const reading = selectionReading(TEXT, [{ start, end: start + 8, name }]);
      expect(reading.text).toBe(TEXT);
      expect(reading.codePoints([start]).get(start)).toBe(start);
    }
  });

  it('names that are labels, not the words (as ATLAS.ti names quotations), fit no reading: standard', () => {
    const reading = selectionReading(TEXT, [{ start: 9, end: 17, name: '1:3 Ik mocht' }]);
    expect(reading.text).toBe(TEXT);
    expect(reading.codePoints([9]).get(9)).toBe(9);
  });

  it('QualCoder: Qt positions (UTF-16) in its \\n text, the file written with \\r\\n', () => {
    const lf = TEXT.replace('\r\n', '\n');
    // As QualCoder stores a coding: Python index plus one per character beyond U+FFFF before it.
    const qt = (words: string) => {
      const start = Array.from(lf).join('').indexOf(words);
      const codePoint = Array.from(lf.slice(0, start)).length;
      const extra = Array.from(lf.slice(0, start)).filter((char) => char.codePointAt(0)! > 0xffff).length;
      return { start: codePoint + extra, end: codePoint + extra + Array.from(words).length, name: words.replace('\n', '\u2029') };
    };
    const selections = [qt('Ik mocht'), qt('zelf\nbrood')];
    const reading = selectionReading(TEXT, selections);
    expect(reading.text).toBe(lf);
    const points = reading.codePoints(selections.flatMap((selection) => [selection.start, selection.end]));
    expect(selections.map((selection) => wordsAt(reading.text, points.get(selection.start)!, points.get(selection.end)!))).toEqual(['Ik mocht', 'zelf\nbrood']);
  });

  it('a reading is taken only when more names fit than under the standard one', () => {
    // One name fits as code points, another as UTF-16: a tie keeps the standard reading.
    const text = 'a😀 bc de';
    const reading = selectionReading(text, [{ start: 3, end: 5, name: 'bc' }, { start: 7, end: 9, name: 'de' }]);
    expect(reading.codePoints([3]).get(3)).toBe(3);
  });
});
