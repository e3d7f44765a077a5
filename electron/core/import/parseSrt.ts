import { parseCue } from './cues';
import { type Line, splitBlocks } from './lines';
import { type Extracted, TurnCollector } from './turns';

/** SubRip: numbered blocks of `hh:mm:ss,mmm --> hh:mm:ss,mmm` and text. */
export function parseSrt(lines: readonly Line[]): Extracted {
  const out = new TurnCollector();
  for (const block of splitBlocks(lines)) parseCue(block, out);
  return out.result();
}
