import { decodeBase64 } from '../import/base64';
import { parseTranscriptInJob } from '../import/parseTranscriptJob';
import type { HandlerGroup } from './context';

export const transcriptHandlers: HandlerGroup<'transcripts'> = {
  'transcripts:parse': ({ fileName, dataBase64, pseudonyms }, ctx) => {
    // Nothing is stored, but transcripts are as sensitive as the vault's contents: only an
    // unlocked session may have them read (throws VAULT_LOCKED otherwise).
    ctx.services();
    // Parsed in a limited worker: a crafted file (a zip bomb, a pathological line) can cost
    // that worker its life, never this process and the vault it holds.
    return parseTranscriptInJob(fileName, decodeBase64(dataBase64), pseudonyms);
  },
};
