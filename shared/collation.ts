/**
 * How lists of names sort: Dutch collation, as a Dutch mentor reads a class list. "Ömer" and
 * "émile" sort under O and E, not after "Zoë" (SQLite's COLLATE NOCASE compares code units, so
 * every accented capital came after z); "Leerling 2" comes before "Leerling 10". Names that
 * differ only in accents or case ("Ömer", "Omer") are then ordered by those, so the order is
 * the same on every run.
 */
const base = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
const variant = new Intl.Collator('nl', { sensitivity: 'variant', numeric: true });

export function compareNames(a: string, b: string): number {
  return base.compare(a, b) || variant.compare(a, b);
}
