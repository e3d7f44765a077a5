import { decodeBase64 } from '../import/base64';
import { parseTranscript } from '../import/parseTranscript';
import type { HandlerGroup } from './context';

export const transcriptHandlers: HandlerGroup<'transcripts'> = {
  'transcripts:parse': ({ fileName, dataBase64, pseudonyms }, ctx) => {
    // Nothing is stored, but transcripts are as sensitive as the vault's contents: only an
    // unlocked session may have them read (throws VAULT_LOCKED otherwise).
    ctx.services();
    return parseTranscript(fileName, decodeBase64(dataBase64), pseudonyms);
  },
};
