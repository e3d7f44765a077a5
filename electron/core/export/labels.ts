import type { Language } from '../../../shared/domain';
import { catalogs, type FullCatalog } from '../../../shared/i18n';

/** The document's words: its own (`docx`) and the dialogue vocabulary the app already shows. */
export interface Labels {
  language: Language;
  doc: FullCatalog['docx'];
  dialogue: FullCatalog['dialogue'];
  schoolTypes: FullCatalog['students']['schoolTypes'];
}

export function labelsFor(language: Language): Labels {
  const catalog = catalogs[language];
  return { language, doc: catalog.docx, dialogue: catalog.dialogue, schoolTypes: catalog.students.schoolTypes };
}

/** Fills `{{name}}` placeholders as i18next would, without pulling i18next into the core. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
