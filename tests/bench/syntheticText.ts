/** Dutch-like filler for benchmarks: real words in a fixed pseudo-random order (same text every run). */
const WORDS = (
  'de het een en van ik je dat is niet op te in met voor was maar er zijn stage rooster cliënt zorg tijd planning ' +
  'begeleider leerling mentor gesprek afspraak werk dag vond goed beter leren wil kan moet keuze toekomst opleiding ' +
  'praktijk afdeling collega team verantwoordelijk dilemma kwaliteit geld uren douchen boos blij trots moeilijk'
).split(' ');

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function dutchWords(count: number, random = seededRandom(42)): string[] {
  return Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)]!);
}

export function stats(samples: number[]): { median: number; p95: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}
