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

type UnitName = keyof FullCatalog['docx']['units'] extends infer K ? K extends `${infer Name}_${'one' | 'other'}` ? Name : never : never;

/**
 * A count in words with the plural form the language needs ("1 week", "6 weken"), from a
 * `<name>_one` / `<name>_other` pair in `docx.units`, chosen as i18next chooses (Intl.PluralRules).
 */
export function countText(labels: Labels, name: UnitName, count: number): string {
  const form = new Intl.PluralRules(labels.language).select(count) === 'one' ? 'one' : 'other';
  return fill(labels.doc.units[`${name}_${form}`], { count });
}
