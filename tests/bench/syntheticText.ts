/**
 * Dutch-like filler for benchmarks, the same text every run. Words follow a Zipf distribution
 * over a vocabulary of real frequent words and made-up Dutch-sounding rarer ones, so that a
 * full-text index sees what a real school vault gives it: a few words in every dialogue and a
 * long tail of words in only a handful. (With only frequent words, every query would match
 * every row, which no search engine is built for and no mentor types.)
 */
const HEAD = (
  'de het een en van ik je dat is niet op te in met voor was maar er zijn stage rooster cliënt zorg tijd planning ' +
  'begeleider leerling mentor gesprek afspraak werk dag vond goed beter leren wil kan moet keuze toekomst opleiding ' +
  'praktijk afdeling collega team verantwoordelijk dilemma kwaliteit geld uren douchen boos blij trots moeilijk'
).split(' ');

const ONSETS = ['b', 'br', 'd', 'dr', 'g', 'gr', 'h', 'k', 'kl', 'l', 'm', 'n', 'p', 'pl', 'r', 's', 'sch', 'sl', 'st', 't', 'tr', 'v', 'w', 'z'];
const NUCLEI = ['a', 'aa', 'e', 'ee', 'i', 'ie', 'o', 'oo', 'oe', 'u', 'uu', 'ui', 'ij', 'ei', 'eu', 'ou'];
const CODAS = ['', 'n', 'r', 'l', 'k', 't', 'st', 'ng', 'rt', 'ld', 'ns', 'cht'];
const SUFFIXES = ['', '', 'en', 'ing', 'heid', 'lijk', 'er', 'je', 'te', 'isch'];

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;

function madeUpWord(random: () => number): string {
  const syllables = 1 + Math.floor(random() * 3);
  let word = '';
  for (let index = 0; index < syllables; index++) word += pick(ONSETS, random) + pick(NUCLEI, random) + pick(CODAS, random);
  return word + pick(SUFFIXES, random);
}

const VOCABULARY_SIZE = 20_000;

/** Real words first (most frequent), then made-up ones; fixed for every run. */
export const VOCABULARY: readonly string[] = (() => {
  const random = seededRandom(2026);
  const words = new Set(HEAD);
  while (words.size < VOCABULARY_SIZE) words.add(madeUpWord(random));
  return [...words];
})();

/** Cumulative Zipf weights (s = 1): word k is drawn with probability ∝ 1/(k+1). */
const CUMULATIVE: Float64Array = (() => {
  const sums = new Float64Array(VOCABULARY.length);
  let total = 0;
  for (let index = 0; index < VOCABULARY.length; index++) sums[index] = total += 1 / (index + 1);
  for (let index = 0; index < sums.length; index++) sums[index]! /= total;
  return sums;
})();

function zipfIndex(random: () => number): number {
  const target = random();
  let low = 0;
  let high = CUMULATIVE.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (CUMULATIVE[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function dutchWords(count: number, random = seededRandom(42)): string[] {
  return Array.from({ length: count }, () => VOCABULARY[zipfIndex(random)]!);
}

export function stats(samples: number[]): { median: number; p95: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}
