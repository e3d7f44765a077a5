import { codePointUnits } from './textDoc';

/**
 * How to read one source's selection positions. REFI-QDA 1.5 (§10.2) counts Unicode code points
 * of the text file as stored, and that is the default. QualCoder does not quite: it stores Qt
 * cursor positions, which count UTF-16 units (every emoji or other character beyond U+FFFF
 * before a coding shifts it), in its own copy of the text with `\n` line ends, and on Windows
 * it writes the text file with `\r\n` (refi.py opens it in text mode), so a CR more per line.
 * It does write the coded words as each selection's `name`. So the names decide: the reading
 * under which most names equal the words at their positions, when that is strictly more than
 * under the standard one; without names, or when none fits better, the standard one. A tool
 * whose names are labels rather than the words (ATLAS.ti quotations) matches under no reading
 * and stays standard.
 */

export interface NamedSelection { start: number; end: number; name: string }

export interface SelectionReading {
  /** The text the positions are in: the file's, or with `\r\n` read as `\n`. */
  text: string;
  /** File positions → code points in `text`; a position that is no boundary there is absent. */
  codePoints(positions: Iterable<number>): Map<number, number>;
}

/** Enough named selections to tell the readings apart; the rest follow the same tool. The parser keeps no more names than this per source. */
export const NAME_SAMPLE = 200;
/** A name longer than this is not compared (and not kept): memory stays bounded for any file. */
export const NAME_MAX = 2000;

function words(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** UTF-16 offsets → code-point offsets, one pass; an offset inside a surrogate pair or beyond the text is absent. */
export function utf16CodePoints(text: string, positions: Iterable<number>): Map<number, number> {
  const wanted = [...new Set(positions)].filter((value) => Number.isSafeInteger(value) && value >= 0 && value <= text.length).sort((a, b) => a - b);
  const points = new Map<number, number>();
  let unit = 0;
  let point = 0;
  for (const target of wanted) {
    while (unit < target) {
      const code = text.charCodeAt(unit);
      if (code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length) {
        const next = text.charCodeAt(unit + 1);
        if (next >= 0xdc00 && next <= 0xdfff) unit += 1;
      }
      unit += 1;
      point += 1;
    }
    if (unit === target) points.set(target, point);
  }
  return points;
}

function identity(positions: Iterable<number>): Map<number, number> {
  return new Map([...positions].map((value) => [value, value]));
}

function fits(reading: SelectionReading, sample: readonly NamedSelection[]): number {
  const points = reading.codePoints(sample.flatMap((selection) => [selection.start, selection.end]));
  const units = codePointUnits(reading.text, points.values());
  let count = 0;
  for (const selection of sample) {
    const from = units.get(points.get(selection.start) ?? -1);
    const to = units.get(points.get(selection.end) ?? -1);
    if (from !== undefined && to !== undefined && from < to && words(reading.text.slice(from, to)) === words(selection.name)) count += 1;
  }
  return count;
}

export function selectionReading(text: string, selections: readonly NamedSelection[]): SelectionReading {
  const standard: SelectionReading = { text, codePoints: identity };
  const sample = selections.filter((selection) => words(selection.name) !== '').slice(0, NAME_SAMPLE);
  if (sample.length === 0) return standard;
  const lf = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : null;
  const candidates: SelectionReading[] = [
    ...(lf === null ? [] : [{ text: lf, codePoints: identity }]),
    { text, codePoints: (positions) => utf16CodePoints(text, positions) },
    ...(lf === null ? [] : [{ text: lf, codePoints: (positions: Iterable<number>) => utf16CodePoints(lf, positions) }]),
  ];
  let best = standard;
  let bestFits = fits(standard, sample);
  if (bestFits === sample.length) return standard;
  for (const candidate of candidates) {
    const count = fits(candidate, sample);
    if (count > bestFits) {
      best = candidate;
      bestFits = count;
    }
  }
  return best;
}
