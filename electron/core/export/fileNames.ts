import type { Language } from '../../../shared/domain';

/** Longest student part of a file name, in characters (graphemes). */
export const MAX_STEM_CHARS = 80;
/** And in UTF-8 bytes, so that stem + date + suffix stays well under the 255-byte limit of most file systems. */
const MAX_STEM_BYTES = 200;

const FALLBACK: Record<Language, string> = { nl: 'leerling', en: 'student' };
const DIALOGUE_SUFFIX: Record<Language, string> = { nl: 'gesprek', en: 'dialogue' };

// Invalid on Windows (the strictest) or anywhere: <>:"/\|?* and control characters. Bidi
// controls are removed too: they can make a name display with a different extension.
const INVALID = /[<>:"/\\|?*\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const EDGES = /^[\s.-]+|[\s.-]+$/gu;
// Windows refuses these as the part before the first dot, whatever the extension.
const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/iu;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function truncate(text: string): string {
  let out = '';
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (count + 1 > MAX_STEM_CHARS || Buffer.byteLength(out + segment, 'utf8') > MAX_STEM_BYTES) break;
    out += segment;
    count += 1;
  }
  return out;
}

/**
 * A student's name as the start of a file name that every common file system accepts, or the
 * language's word for "student" when nothing of the name survives.
 */
export function safeFileStem(name: string, language: Language): string {
  let stem = name.normalize('NFC').replace(INVALID, '').replace(/\s+/gu, '-').replace(/-{2,}/gu, '-').replace(EDGES, '');
  stem = truncate(stem).replace(EDGES, '');
  if (!stem) return FALLBACK[language];
  const firstPart = stem.split('.')[0] ?? '';
  if (RESERVED.test(firstPart)) stem = `${firstPart}_${stem.slice(firstPart.length)}`;
  return stem;
}

/** `<student>-<YYYY-MM-DD>-gesprek.docx` (`-dialogue.docx` in English), dated when the dialogue was held. */
export function dialogueFileName(studentName: string, heldOn: string, language: Language): string {
  return `${safeFileStem(studentName, language)}-${heldOn}-${DIALOGUE_SUFFIX[language]}.docx`;
}

/** `<student>-portfolio.docx`, the same word in both languages. */
export function portfolioFileName(studentName: string, language: Language): string {
  return `${safeFileStem(studentName, language)}-portfolio.docx`;
}
