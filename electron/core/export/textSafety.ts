/**
 * Text on its way into Word XML. Transcripts come from pasted text and imported files, so they
 * can hold characters XML 1.0 forbids; Word refuses such a file ("unreadable content") rather
 * than skipping the character, so they are dropped here, before docx sees them.
 */

// XML 1.0 allows tab, newline and carriage return among the C0 controls; carriage returns are
// turned into newlines first so Windows line ends still break lines. U+FFFE/U+FFFF are
// non-characters XML also forbids.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// A surrogate without its partner is not a character at all; UTF-8 cannot encode it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with everything Word cannot store removed; line breaks become `\n`. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(FORBIDDEN, '').replace(LONE_SURROGATE, '');
}

/** The same, on one line: for table cells, names and properties, where a break means nothing. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/[\n\t]+/g, ' ');
}

/** Whether nothing visible would be left of the text in Word. */
export function isBlank(text: string): boolean {
  return cleanText(text).trim() === '';
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;

/**
 * Whether right-to-left letters outnumber the others. Word lays a run out right to left only when
 * told (`w:rtl`); without it an Arabic or Hebrew sentence with digits or Latin words comes out
 * in the wrong order.
 */
export function isMainlyRtl(text: string): boolean {
  if (!RTL_LETTER.test(text)) return false;
  let rtl = 0;
  let ltr = 0;
  for (const char of text) {
    if (RTL_LETTER.test(char)) rtl += 1;
    else if (LETTER.test(char)) ltr += 1;
  }
  return rtl > ltr;
}
