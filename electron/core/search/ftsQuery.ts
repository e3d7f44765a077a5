import { MAX_QUERY_LENGTH } from '../../../shared/searchSchemas';
import { foldSearchText } from './searchFold';

export interface ParsedQuery {
  /** FTS5 MATCH expression, or null when the text holds no word at all. */
  match: string | null;
  truncated: boolean;
}

/** Runs of letters, digits and combining marks: the words FTS5's unicode61 tokenizer sees too. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Turns what the mentor typed into a safe FTS5 query. Only words ever reach FTS5, each inside
 * double quotes, so operators (AND, OR, NOT, NEAR), parentheses, colons, minus signs and stars
 * are plain text or separators and can never make a syntax error. Text between a balanced pair
 * of double quotes is a phrase; a quote without a partner is ignored. Every loose word is a
 * prefix (`"roos"*` finds "rooster"); all parts must match.
 */
export function toFtsQuery(input: string): ParsedQuery {
  const truncated = input.length > MAX_QUERY_LENGTH;
  // Folded as the index is (ı → i, ø → o, ß → ss, …): "Yılmaz" and "yilmaz" find the same.
  const text = foldSearchText((truncated ? input.slice(0, MAX_QUERY_LENGTH) : input).normalize('NFC'));
  const parts = text.split('"');
  // An even number of parts means an odd number of quotes: the last one has no partner.
  const phraseLimit = parts.length % 2 === 0 ? parts.length - 1 : parts.length;
  const terms: string[] = [];
  parts.forEach((part, index) => {
    const phrase = index % 2 === 1 && index < phraseLimit;
    const found = words(part);
    if (found.length === 0) return;
    if (phrase) terms.push(`"${found.join(' ')}"`);
    else for (const word of found) terms.push(`"${word}"*`);
  });
  return { match: terms.length ? terms.join(' ') : null, truncated };
}
