// Markup inside VTT and SRT cue text: tags, entities and the `{\an8}` overrides that SRT
// files inherit from ASS. Only voice tags carry meaning for a transcript; the rest is styling.

// A tag starts with a letter or slash (`<i>`, `</v>`, `<c.yellow>`, `<lang nl>`) or is a timestamp
// (`<00:00:01.000>`). "a < b" is not a tag. Each attempt stops at the next `<`, so this is linear.
const TAG = /<(\/?[A-Za-z][^<>]*|\d[\d:.]*)>/g;
const VOICE_OPEN = /^v(?:\.[^\s]*)?\s+(\S[^]*)$/;
const VOICE_CLOSE = /^\/v\s*$/;
const ASS_OVERRIDE = /\{\\[^{}]*\}/g;
const ENTITY = /&(#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', lrm: '\u200E', rlm: '\u200F',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // Surrogates and out-of-range numbers are not characters; keep what was written.
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Plain text of a piece of cue text: tags and overrides removed, entities decoded. */
export function stripMarkup(text: string): string {
  return decodeEntities(text.replace(TAG, '').replace(ASS_OVERRIDE, ''));
}

export interface VoiceSpan {
  /** The voice's annotation, or null for text outside any voice span. */
  speaker: string | null;
  text: string;
}

/**
 * Cue text split at voice tags: `<v Name>` (also `<v.loud Name>`) starts a span that runs to
 * `</v>`, to the next voice tag or to the end of the cue, since closing tags are optional.
 * Returns null when the cue has no voice tag at all. Spans with only whitespace are dropped.
 */
export function splitVoices(text: string): VoiceSpan[] | null {
  const spans: VoiceSpan[] = [];
  let current: VoiceSpan = { speaker: null, text: '' };
  let voiced = false;
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    current.text += text.slice(last, match.index);
    last = match.index + match[0].length;
    const inner = match[1]!;
    const open = VOICE_OPEN.exec(inner);
    if (open || VOICE_CLOSE.test(inner)) {
      voiced = true;
      spans.push(current);
      current = { speaker: open ? decodeEntities(open[1]!).trim() : null, text: '' };
    }
  }
  current.text += text.slice(last);
  spans.push(current);
  if (!voiced) return null;
  return spans
    .map((span) => ({ speaker: span.speaker, text: decodeEntities(span.text.replace(ASS_OVERRIDE, '')) }))
    .filter((span) => span.text.trim() !== '');
}
