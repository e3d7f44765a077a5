import { measureAudioOverhead, measureRecordingStalls } from './recordingFigures';
import { textTable } from './table';

/**
 * `npx tsx tests/bench/recordingOnly.ts`: only issue 17's figures (audio storage overhead, renderer
 * stall while recording), for work on recording; run.ts includes them in the full suite.
 */
async function main(): Promise<void> {
  const figures = [await measureAudioOverhead(), ...await measureRecordingStalls()];
  console.log(textTable(figures));
  for (const figure of figures) if (figure.note) console.log(`${figure.id}: ${figure.note}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
