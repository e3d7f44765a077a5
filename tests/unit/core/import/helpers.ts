import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedTranscript } from '../../../../shared/dialogueSchemas';
import { parseTranscript } from '../../../../electron/core/import/parseTranscript';

export const FIXTURES = join(__dirname, '../../../fixtures/transcripts');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** Parses text (UTF-8) as a file of the given name, without pseudonyms. */
export function parseText(fileName: string, text: string): Promise<ParsedTranscript> {
  return parseTranscript(fileName, Buffer.from(text, 'utf8'), []);
}

/** Speaker and text of each turn, for compact assertions. */
export function said(parsed: ParsedTranscript): [string, string][] {
  return parsed.turns.map((turn) => [turn.speaker, turn.text]);
}
