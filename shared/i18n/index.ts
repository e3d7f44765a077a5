import type { Language } from '../domain';
import { en } from './en';
import { nl, type Catalog } from './nl';

/**
 * Feature modules (shared/i18n/features/*.ts) each export `{ nl, en }` for one namespace; they
 * are merged here so features can grow their strings without editing one shared file.
 */
import { features } from './features';

type Features = typeof features;
type FeatureNl = { [K in keyof Features]: Features[K]['nl'] };
export type FullCatalog = Catalog & FeatureNl;

function merge(language: Language): FullCatalog {
  const base = language === 'nl' ? nl : en;
  const all = features as Record<string, Record<Language, unknown>>;
  const extra = Object.fromEntries(Object.keys(all).map((key) => [key, all[key]![language]]));
  return { ...base, ...extra } as FullCatalog;
}

export const catalogs: Record<Language, FullCatalog> = { nl: merge('nl'), en: merge('en') };
export type { Catalog };
