import { type NodeEntry, type Range, Text } from 'slate';
import { foldForMatch } from '../../../../shared/textFold';

/** One character folded as search folds it (shared/textFold): 'ı' → 'i', 'ß' → 'ss', 'É' → 'e'. */
const fold = (char: string) => foldForMatch(char);

/**
 * Decorates every occurrence of the search terms, matched as search matched them: without
 * diacritics and case ("client" lights up "cliënt", "yilmaz" lights up "Yılmaz"). Offsets map
 * back to the original text.
 */
export function highlightDecorate(terms: string[]): (entry: NodeEntry) => Range[] {
  const needles = terms.map((term) => [...term].map(fold).join('')).filter((needle) => needle.length > 1);
  return ([node, path]) => {
    if (!Text.isText(node) || needles.length === 0) return [];
    let folded = '';
    const origin: number[] = [];
    [...node.text].forEach((char, index, chars) => {
      const offset = chars.slice(0, index).join('').length;
      for (const piece of fold(char)) {
        folded += piece;
        origin.push(offset);
      }
    });
    origin.push(node.text.length);
    const ranges: Range[] = [];
    for (const needle of needles) {
      for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
        ranges.push({ anchor: { path, offset: origin[at]! }, focus: { path, offset: origin[at + needle.length] ?? node.text.length }, highlight: true });
      }
    }
    return ranges;
  };
}
