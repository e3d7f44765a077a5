import { stats } from './syntheticText';

export interface Sample { median: number; p95: number; n: number }

/** One line of the table: a measurement beside its baseline from the same run, and its target. */
export interface Figure {
  id: string;
  figure: string;
  unit: 'ms' | 's' | 'MB';
  value: Sample;
  baseline: (Sample & { label: string }) | null;
  target: string;
  /** Whether the target holds; null where the figure is only reported. */
  met: boolean | null;
  note?: string;
}

/** Runs `fn` `count` times after `warmup` unmeasured runs; milliseconds per run. */
export async function sampleMs(count: number, fn: (index: number) => unknown, warmup = 2): Promise<number[]> {
  for (let index = 0; index < warmup; index++) await fn(index);
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    await fn(index);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Alternates two measurements, so that whatever else the machine does hits both alike. */
export async function sampleMsPaired(count: number, a: () => unknown, b: () => unknown, warmup = 2): Promise<[number[], number[]]> {
  const first: number[] = [];
  const second: number[] = [];
  for (let index = 0; index < count + warmup; index++) {
    for (const [fn, into] of [[a, first], [b, second]] as const) {
      const start = performance.now();
      await fn();
      if (index >= warmup) into.push(performance.now() - start);
    }
  }
  return [first, second];
}

export const summarise = (samples: number[]): Sample => stats(samples);

export const withLabel = (label: string, samples: number[]): Sample & { label: string } => ({ label, ...stats(samples) });
