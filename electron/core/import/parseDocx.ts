import mammoth from 'mammoth';
import { AppError } from '../../../shared/errors';

// Every .docx is a zip archive, which starts with a local file header.
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The paragraphs of a Word document, in order, empty ones included so that a paragraph's
 * position can stand in for a line number. Not a zip, or a zip without a Word document in it,
 * is FILE_UNREADABLE.
 */
export async function readDocxParagraphs(bytes: Buffer): Promise<string[]> {
  if (!bytes.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) throw new AppError('FILE_UNREADABLE');
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (cause) {
    throw new AppError('FILE_UNREADABLE', undefined, { cause });
  }
  // mammoth ends every paragraph with a blank line (the last one too, which adds one blank
  // "paragraph" at the end); tabs stay tabs.
  return raw.split('\n\n');
}
