export interface PseudonymRule { name: string; replacement: string }

// A name is a whole word when no letter, combining mark or digit touches it: "Sanne's" holds
// "Sanne", "Sanneë" and "Sanne2" do not. \b cannot be used: it only knows ASCII letters.
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;

/**
 * A function that replaces every whole-word, case-insensitive occurrence of each name by its
 * replacement. All names are matched in one pass with the longest first, so "Sanne de Vries"
 * wins over "Sanne", and a replacement is never itself replaced again ("Sanne" → "Leerling A"
 * and "Leerling" → "X" cannot chain).
 */
export function pseudonymiser(rules: readonly PseudonymRule[]): (text: string) => string {
  const usable = rules
    .map((rule) => ({ name: rule.name.trim(), replacement: rule.replacement.trim() }))
    .filter((rule) => rule.name !== '')
    .sort((a, b) => b.name.length - a.name.length);
  if (usable.length === 0) return (text) => text;

  // One capture group per rule tells which rule matched. Spaces inside a name match any run of
  // whitespace, as a transcript may break "Sanne de Vries" over a non-breaking space.
  const alternatives = usable.map((rule) => `(${rule.name.split(/\s+/).map(escapeRegExp).join(String.raw`\s+`)})`);
  const pattern = new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})(?!${WORD_CHAR})`, 'giu');
  return (text) => text.replace(pattern, (...args: unknown[]) => {
    const groups = args.slice(1, usable.length + 1);
    const index = groups.findIndex((group) => group !== undefined);
    return usable[index]!.replacement;
  });
}

// Only syntax characters: under the u flag, escaping anything else (such as "-") is an error.
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
