import type { Db } from '../db/connection';

/**
 * Letters that FTS5's unicode61 tokenizer keeps as they are even with remove_diacritics: they
 * are letters of their own, not a base letter with a mark, so NFD does not split them. Names
 * in Dutch schools hold them (Yılmaz, Øztürk, Łukasz, Đorđević, Straße), and a mentor types
 * them as the ASCII letters here. İ would fold already; it is listed so the query side needs no
 * tokenizer to agree. Every replacement is letters for a letter, so a text folds to the same
 * tokens at the same positions, which is what lets FTS5 cut snippets from the unfolded text.
 */
const FOLDS: Record<string, string> = {
  ı: 'i', İ: 'I', ø: 'o', Ø: 'O', ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE',
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ĳ: 'ij', Ĳ: 'IJ',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');
const ANY_FOLDABLE = new RegExp(FOLDABLE.source, 'u');

/**
 * The text as the search index holds its words: the letters above spelled out; case and
 * accents are left to the tokenizer, which folds them the same way for the text and the query.
 */
export function foldSearchText(text: string): string {
  return ANY_FOLDABLE.test(text) ? text.replace(FOLDABLE, (char) => FOLDS[char] ?? char) : text;
}

/** The SQL name of foldSearchText, as the triggers of migration 0008 call it. */
export const SEARCH_FOLD_FUNCTION = 'search_fold';

/**
 * Makes `search_fold(text)` available on a connection. Every connection needs it, since the
 * triggers that feed the index call it on any write to students, memos, actions or passages;
 * so the one opener registers it. NULL stays NULL (FTS5 indexes nothing for it).
 */
export function registerSearchFunctions(db: Db): void {
  db.function(SEARCH_FOLD_FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldSearchText(value) : value));
}
