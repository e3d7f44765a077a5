/** What a section key must look like (TemplateSection in shared/dialogueSchemas.ts). */
export const SECTION_KEY = /^[a-z0-9-]{1,80}$/;
const MAX = 80;

/** "Wat wil je hier halen?" → "wat-wil-je-hier-halen"; accents dropped, at most 80 characters. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX)
    .replace(/-+$/, '');
}

/**
 * A key for a new section: the slug of its title, or `section-N` (N its position) when the title
 * has no letters or digits, made unique against `taken` with a numeric suffix.
 */
export function newSectionKey(title: string, position: number, taken: ReadonlySet<string>): string {
  const base = slugify(title) || `section-${position}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Keys for every section in order: existing sections keep theirs (dialogues refer to them); new
 * ones (key null) get one from their title, unique within the template.
 */
export function assignSectionKeys(sections: readonly { key: string | null; title: string }[]): string[] {
  const taken = new Set(sections.flatMap((section) => (section.key ? [section.key] : [])));
  return sections.map((section, index) => {
    if (section.key) return section.key;
    const key = newSectionKey(section.title, index + 1, taken);
    taken.add(key);
    return key;
  });
}
