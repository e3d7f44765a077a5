import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { measureTyping } from './editorTyping';

/**
 * `npm run bench -- [--out results.json]`: measurements, never assertions. Each figure is printed
 * with its baseline from the same run. The full school-scale suite grows here (issue 7).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`Machine: ${machine}\nDate: ${new Date().toISOString()}\n`);

  const small = await measureTyping(200, 2);
  const large = await measureTyping(20_000, 200);
  const rows = [
    { figure: 'typing, keystroke to next paint, 200 words / 2 tags (baseline)', ...small },
    { figure: 'typing, keystroke to next paint, 20,000 words / 200 tags', ...large },
  ];
  for (const row of rows) console.log(`${row.figure.padEnd(64)} median ${row.median.toFixed(1)} ms   p95 ${row.p95.toFixed(1)} ms   (n=${row.n})`);
  console.log(`ratio large/small p95: ${(large.p95 / small.p95).toFixed(2)}`);
  if (outIndex >= 0 && args[outIndex + 1]) {
    await writeFile(args[outIndex + 1]!, `${JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2)}\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
