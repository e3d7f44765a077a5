import type { Language } from '../../../shared/domain';
import { catalogs, type FullCatalog } from '../../../shared/i18n';

/** The document's words: its own (`docx`) and the dialogue vocabulary the app already shows. */
export interface Labels {
  language: Language;
  doc: FullCatalog['docx'];
  dialogue: FullCatalog['dialogue'];
  schoolTypes: FullCatalog['students']['schoolTypes'];
  portfolio: FullCatalog['portfolio']['doc'];
}

export function labelsFor(language: Language): Labels {
  const catalog = catalogs[language];
  return { language, doc: catalog.docx, dialogue: catalog.dialogue, schoolTypes: catalog.students.schoolTypes, portfolio: catalog.portfolio.doc };
}

/** Fills `{{name}}` placeholders as i18next would, without pulling i18next into the core. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

const NESTED_COUNT = /\$t\(([\w.]+),\s*\{\s*"count":\s*\{\{(\w+)\}\}\s*\}\s*\)/g;

/** The plural form i18next would pick (Intl.PluralRules), as a key suffix. */
const pluralForm = (language: Language, count: number) => (new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other');

/**
 * Fills a template that nests plural pairs, `$t(mirror.doc.openQuestions, {"count": {{open}} })`,
 * as i18next would: each nested count takes the `_one` or `_other` form of its pair.
 */
export function fillCounts(language: Language, template: string, values: Record<string, string | number>): string {
  const nested = template.replace(NESTED_COUNT, (whole, key: string, param: string) => {
    const count = values[param];
    if (typeof count !== 'number') return whole;
    const text = `${key}_${pluralForm(language, count)}`.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogs[language]);
    return typeof text === 'string' ? fill(text, { count }) : whole;
  });
  return fill(nested, values);
}

type UnitName = keyof FullCatalog['docx']['units'] extends infer K ? K extends `${infer Name}_${'one' | 'other'}` ? Name : never : never;

/**
 * A count in words with the plural form the language needs ("1 week", "6 weken"), from a
 * `<name>_one` / `<name>_other` pair in `docx.units`, chosen as i18next chooses (Intl.PluralRules).
 */
export function countText(labels: Labels, name: UnitName, count: number): string {
  return fill(labels.doc.units[`${name}_${pluralForm(labels.language, count)}`], { count });
}
