/**
 * Folds text for matching as a Dutch school writes names: case, accents (é, ë, ö) and the
 * letters NFD does not split (Turkish ı, Scandinavian ø, German ß, Polish ł, …), so that
 * "yilmaz" finds "Yılmaz" and "lukasz" finds "Łukasz".
 */
const SPECIAL: Record<string, string> = { ı: 'i', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th' };

export function foldForMatch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ıøßæœłđðþ]/g, (char) => SPECIAL[char] ?? char);
}
