import { measureTyping } from './editorTyping';

/**
 * `npx tsx tests/bench/typingOnly.ts [runs]`: only the typing figures of issue 7, repeated, for
 * work on the editor (the full suite is run.ts). Runs alternate sizes so drift hits both alike.
 */
async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const format = (value: { median: number; p95: number; n: number }) => `median ${value.median.toFixed(1)}  p95 ${value.p95.toFixed(1)}  (n=${value.n})`;
  const ratios: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const small = await measureTyping(200, 2);
    const large = await measureTyping(20_000, 200);
    console.log(`run ${run}`);
    console.log(`  200 words / 2 tags        next paint ${format(small)}   event timing ${format(small.eventTiming)}`);
    console.log(`  20,000 words / 200 tags   next paint ${format(large)}   event timing ${format(large.eventTiming)}`);
    ratios.push(large.p95 / small.p95);
    console.log(`  ratio large/small p95 ${ratios.at(-1)!.toFixed(2)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
