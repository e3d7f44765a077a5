import { useTranslation } from 'react-i18next';

/**
 * "Ingesteld door je school" beside a setting the school's policy locks; its id goes into the
 * control's aria-describedby, so a screen reader says why the control cannot be changed.
 */
export function SetBySchool({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <p className="set-by-school" id={id} title={t('policy.setBySchoolHint')}>
      {t('policy.setBySchool')}
    </p>
  );
}
