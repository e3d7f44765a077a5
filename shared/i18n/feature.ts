/**
 * A feature's own strings, Dutch and English side by side, merged into the catalogs under its
 * namespace. The English type is derived from the Dutch, so a missing key fails to compile.
 */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export function featureText<T extends object>(text: { nl: T; en: Widen<T> }): { nl: T; en: Widen<T> } {
  return text;
}
