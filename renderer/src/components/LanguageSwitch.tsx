import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/domain';
import { getApi } from '../api';
import { changeLanguage } from '../i18n';
import { isLocked, usePolicy } from '../features/policy/usePolicy';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = (i18n.language as Language) ?? 'nl';
  // A language the school's policy locks cannot be switched (the backend refuses it too).
  const locked = isLocked(usePolicy(), 'language');
  return (
    <label className="language-switch" title={locked ? t('policy.setBySchool') : undefined}>
      <span>{t('language.label')}</span>
      <select
        value={current}
        disabled={locked}
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
