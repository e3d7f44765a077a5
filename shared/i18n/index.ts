import type { Language } from '../domain';
import { en } from './en';
import { nl, type Catalog } from './nl';

export const catalogs: Record<Language, Catalog> = { nl, en };
export type { Catalog };
