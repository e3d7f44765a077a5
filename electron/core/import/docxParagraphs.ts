import { SaxesParser } from 'saxes';
import { AppError } from '../../../shared/errors';
import { TRANSCRIPT_LIMITS } from './limits';
import { readZipEntry } from './zipEntry';

const DOCUMENT_PART = 'word/document.xml';

/**
 * The lines of a Word document, in order: one per paragraph and one more after every soft line
 * break (Shift+Enter, `<w:br/>`, `<w:cr/>`), because transcripts typed in Word often put the next
 * speaker behind a soft break. Empty paragraphs stay, so positions stand in for line numbers.
 *
 * Read with a streaming XML parser that does no DTD processing (saxes knows only the five XML
 * entities), so entity expansion cannot inflate the text. Not a zip, no Word document inside,
 * or malformed XML is FILE_UNREADABLE.
 */
export function readDocxLines(bytes: Buffer): string[] {
  const xml = readZipEntry(bytes, DOCUMENT_PART, { maxBytes: TRANSCRIPT_LIMITS.maxDocumentXmlBytes });
  if (!xml) throw new AppError('FILE_UNREADABLE');

  const lines: string[] = [];
  let current: string[] = [];
  let inText = 0;
  let inBody = false;
  const endLine = (): void => {
    lines.push(current.join(''));
    current = [];
    if (lines.length > TRANSCRIPT_LIMITS.maxLines) throw new AppError('TOO_MANY_LINES', { max: TRANSCRIPT_LIMITS.maxLines });
  };

  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (node) => {
    switch (node.name) {
      case 'w:body': inBody = true; break;
      case 'w:t': inText++; break;
      case 'w:tab': if (inBody && inText === 0) current.push('\t'); break;
      case 'w:br': case 'w:cr': if (inBody) endLine(); break;
    }
  });
  parser.on('closetag', (node) => {
    if (node.name === 'w:t') inText = Math.max(0, inText - 1);
    else if (node.name === 'w:p' && inBody) endLine();
    else if (node.name === 'w:body') inBody = false;
  });
  parser.on('text', (text) => {
    if (inText > 0 && inBody) current.push(text);
  });
  try {
    parser.write(xml.toString('utf8')).close();
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError('FILE_UNREADABLE', undefined, { cause });
  }
  return lines;
}
