import { parseCue } from './cues';
import { type Line, splitBlocks } from './lines';
import { type Extracted, TurnCollector } from './turns';

const HEADER = /^WEBVTT(?:[ \t]|$)/;
// Blocks that carry comments, CSS and region layout, never speech.
const NON_CUE = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;

/**
 * WebVTT. A missing `WEBVTT` header is forgiven: tools that write broken headers still write
 * usable cues, and a file without any cue ends as NO_TURNS anyway.
 */
export function parseVtt(lines: readonly Line[]): Extracted {
  const out = new TurnCollector();
  const blocks = splitBlocks(lines);
  // The header block also holds metadata lines such as `Kind: captions`.
  const first = blocks[0]?.[0];
  const cues = first && HEADER.test(first.text.trim()) ? blocks.slice(1) : blocks;
  for (const block of cues) {
    if (NON_CUE.test(block[0]!.text.trim())) continue;
    parseCue(block, out);
  }
  return out.result();
}
