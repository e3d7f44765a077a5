import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/domain';
import { catalogs } from '../../shared/i18n';

// i18next with react-i18next: plurals, interpolation and language switching without reloads.
export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { nl: { translation: catalogs.nl }, en: { translation: catalogs.en } },
    lng: language,
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
