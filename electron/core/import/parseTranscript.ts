import { MAX_TRANSCRIPT_BYTES, type ParsedTranscript } from '../../../shared/dialogueSchemas';
import { AppError } from '../../../shared/errors';
import { assembleTurns } from './assemble';
import { decodeText } from './decodeText';
import { type Line, MAX_LINE_CHARS, readLines, toLines } from './lines';
import { readDocxLines } from './docxParagraphs';
import { TRANSCRIPT_LIMITS } from './limits';
import { refuseOfficeContainer } from './officeContainer';
import { parseSrt } from './parseSrt';
import { parseTextLines } from './parseText';
import { parseVtt } from './parseVtt';
import type { PseudonymRule } from './pseudonymise';
import { suggestSpeakerMerges } from './speakerMerges';
import type { Extracted } from './turns';

type Format = ParsedTranscript['format'];
const FORMATS: readonly Format[] = ['txt', 'vtt', 'srt', 'docx'];

/**
 * A transcript file → speaker turns. Nothing is stored. A fatal problem throws an AppError
 * (UNSUPPORTED_FILE, FILE_TOO_LARGE, FILE_UNPACKED_TOO_LARGE, EMPTY_FILE, FILE_PROTECTED,
 * FILE_OLD_WORD, FILE_UNREADABLE, TOO_MANY_LINES, LINE_TOO_LONG, NO_TURNS) and yields nothing,
 * so the caller changes nothing; lines that could not be used (or that a recording tool added)
 * are listed in `skipped`. Speakers that look like one person are offered in `suggestedMerges`.
 */
export async function parseTranscript(fileName: string, bytes: Buffer, pseudonyms: readonly PseudonymRule[]): Promise<ParsedTranscript> {
  const format = formatOf(fileName);
  if (bytes.length > MAX_TRANSCRIPT_BYTES) throw new AppError('FILE_TOO_LARGE');
  if (bytes.length === 0) throw new AppError('EMPTY_FILE');
  refuseOfficeContainer(bytes);

  const lines = format === 'docx' ? toLines(readDocxLines(bytes)) : readLines(decodeText(bytes));
  if (lines.length > TRANSCRIPT_LIMITS.maxLines) throw new AppError('TOO_MANY_LINES', { max: TRANSCRIPT_LIMITS.maxLines });
  if (lines.every((line) => line.blank)) throw new AppError('EMPTY_FILE');

  const { turns: raw, skipped } = extract(format, lines);
  const { turns, speakers } = assembleTurns(raw, pseudonyms);
  if (turns.length === 0) {
    // Name the real cause: a file whose text sits in over-long lines has speakers we cannot see.
    if (lines.some((line) => line.problem === 'too_long')) throw new AppError('LINE_TOO_LONG', { max: MAX_LINE_CHARS });
    throw new AppError('NO_TURNS');
  }
  const suggestedMerges = suggestSpeakerMerges(speakers, turns);
  return { format, turns, speakers, skipped, ...(suggestedMerges.length > 0 ? { suggestedMerges } : {}) };
}

function formatOf(fileName: string): Format {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  // An old Word document: the fix is "save it as .docx", which UNSUPPORTED_FILE would not say.
  if (extension === 'doc') throw new AppError('FILE_OLD_WORD');
  if (!(FORMATS as readonly string[]).includes(extension)) throw new AppError('UNSUPPORTED_FILE', { extension });
  return extension as Format;
}

function extract(format: Format, lines: readonly Line[]): Extracted {
  switch (format) {
    case 'vtt': return parseVtt(lines);
    case 'srt': return parseSrt(lines);
    case 'txt': return parseTextLines(lines, { looseTeamsHeadings: false });
    case 'docx': return parseTextLines(lines, { looseTeamsHeadings: true });
  }
}
