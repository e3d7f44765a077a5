import { AppError } from '../../../shared/errors';
import { decodeWindows1252 } from './windows1252';

export interface DecodedText {
  text: string;
  /** Some bytes were not valid UTF-8 and became U+FFFD; lines holding one are skipped as unreadable. */
  lossy: boolean;
}

// Text never holds C0 control characters other than tab, line feed, vertical tab (Word's manual
// line break), form feed and carriage return; binary files are full of them. One in a hundred is
// generous for a stray Ctrl-Z at the end of an old DOS file.
const MAX_CONTROL_SHARE = 0.01;
// Dutch, German or French text in windows-1252 has a few percent of bytes above 0x7F; random
// bytes have half.
const MAX_HIGH_BYTE_SHARE = 0.3;
// In a file that is UTF-8 with a few damaged bytes, the damage stays below this share.
const MAX_DAMAGED_SHARE = 0.01;
// Bytes windows-1252 leaves undefined; they decode to C1 controls.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const REPLACEMENT = '\uFFFD';

/**
 * Bytes of a text transcript → text. UTF-8 (with or without BOM) is the norm; UTF-16 with a BOM
 * is what Notepad writes as "Unicode", and some tools and scripts (PowerShell redirects, exports
 * of older recorders) write UTF-16 without one; windows-1252 is what old Word and Notepad exports
 * are when they are not valid UTF-8. Anything that does not look like text is FILE_UNREADABLE.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const unmarked = sniffUtf16(bytes);
  if (unmarked) return decodeUtf16(bytes, unmarked);

  let controls = 0;
  let high = 0;
  let undefined1252 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    // No text encoding we read puts a NUL byte in text; every image and archive has them.
    if (byte === 0) throw new AppError('FILE_UNREADABLE');
    if (isControl(byte)) controls++;
    else if (byte >= 0x80) {
      high++;
      if (UNDEFINED_1252.has(byte)) undefined1252++;
    }
  }
  if (controls > bytes.length * MAX_CONTROL_SHARE) throw new AppError('FILE_UNREADABLE');

  try {
    // The decoder drops a leading BOM itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), lossy: false };
  } catch {
    // Not clean UTF-8: decide below between damaged UTF-8 and windows-1252.
  }

  const lenient = new TextDecoder('utf-8').decode(bytes);
  let damaged = 0;
  let multibyte = 0;
  for (const char of lenient) {
    if (char === REPLACEMENT) damaged++;
    else if (char.codePointAt(0)! >= 0x80) multibyte++;
  }
  // A UTF-8 BOM, or real UTF-8 characters outnumbering the damage: a UTF-8 file with a few bad
  // bytes, where reading it as windows-1252 would garble every ë and é that is fine.
  const declared = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if ((declared || multibyte > damaged) && damaged <= lenient.length * MAX_DAMAGED_SHARE) return { text: lenient, lossy: true };
  if (declared) throw new AppError('FILE_UNREADABLE');

  if (high > bytes.length * MAX_HIGH_BYTE_SHARE || controls + undefined1252 > bytes.length * MAX_CONTROL_SHARE) {
    throw new AppError('FILE_UNREADABLE');
  }
  return { text: decodeWindows1252(bytes), lossy: false };
}

function isControl(byte: number): boolean {
  return (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d)) || byte === 0x7f;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding).decode(bytes);
  let controls = 0;
  let damaged = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && isControl(code)) controls++;
    // Lone surrogates, which random bytes behind an FF FE are full of.
    else if (code === 0xfffd) damaged++;
  }
  if (controls > text.length * MAX_CONTROL_SHARE || damaged > text.length * MAX_DAMAGED_SHARE) throw new AppError('FILE_UNREADABLE');
  return { text, lossy: damaged > 0 };
}

// How much of the file the UTF-16 guess looks at: enough to be sure, cheap on 20 MB.
const SNIFF_BYTES = 64 * 1024;
// Latin-script text in UTF-16 has a zero byte in nearly every code unit (every ASCII and
// Latin-1 character, so every Dutch letter but the € and curly quotes); at least this share
// of the units must have it on one side...
const MIN_ZERO_SIDE_SHARE = 0.4;
// ...and almost none on the other, which only a U+0000 or a U+xx00 character has. Binary
// files with zeros here and there on both sides are therefore never taken for UTF-16.
const MAX_ZERO_OTHER_SHARE = 0.02;

/**
 * UTF-16 without a byte order mark, recognised only when it is plain to see: many zero bytes in
 * the high half of the code units (odd positions for little-endian, even for big-endian) and
 * hardly any in the other. Other text encodings never hold a zero byte, so a real UTF-8 or
 * windows-1252 file can never be taken for it; what is taken still passes decodeUtf16's checks.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  const units = length / 2;
  if (units < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= units * MIN_ZERO_SIDE_SHARE && evenZeros <= units * MAX_ZERO_OTHER_SHARE) return 'utf-16le';
  if (evenZeros >= units * MIN_ZERO_SIDE_SHARE && oddZeros <= units * MAX_ZERO_OTHER_SHARE) return 'utf-16be';
  return null;
}
