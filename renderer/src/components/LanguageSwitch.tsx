import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/domain';
import { getApi } from '../api';
import { changeLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = (i18n.language as Language) ?? 'nl';
  return (
    <label className="language-switch">
      <span>{t('language.label')}</span>
      <select
        value={current}
        onChange={async (event) => {
          const language = event.target.value as Language;
          await changeLanguage(language);
          await getApi().settings.setLanguage({ language });
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>{t(`language.${language}`)}</option>
        ))}
      </select>
    </label>
  );
}
