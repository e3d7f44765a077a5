import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionItem } from '../../../../shared/safetySchemas';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../components/formatDate';
import { useErrorText } from '../../components/useErrorText';
import { SetBySchool } from '../policy/SetBySchool';
import { isLocked, usePolicy } from '../policy/usePolicy';
import { EraseStudentDialog } from './EraseStudentDialog';

/** The retention period and the files that have passed it, each erasable after confirmation. */
export function RetentionPanel() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [years, setYears] = useState<number | null>(null);
  const [due, setDue] = useState<RetentionItem[]>([]);
  const [erasing, setErasing] = useState<RetentionItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locked = isLocked(usePolicy(), 'retentionYears');

  const reload = async () => {
    try {
      setYears((await getApi().retention.getYears()).years);
      setDue(await getApi().retention.due());
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void reload(); }, []);

  return (
    <div className="panel" id="retention" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('safety.retention.title')}</h2>
      <p className="hint">{t('safety.retention.intro')}</p>
      {years !== null && (
        <div className="field">
          <label htmlFor={`${id}-years`}>{t('safety.retention.years')}</label>
          <input id={`${id}-years`} className="narrow" type="number" min={1} max={20} value={years} disabled={locked}
            aria-describedby={locked ? `${id}-school` : undefined}
            onChange={(event) => {
              const next = Number(event.target.value);
              if (next >= 1 && next <= 20) void getApi().retention.setYears({ years: next }).then(() => reload(), (caught) => setError(errorText(caught)));
            }} />
          {locked && <SetBySchool id={`${id}-school`} />}
        </div>
      )}
      <h3>{t('safety.retention.due')}</h3>
      {due.length === 0 ? <p className="subtle">{t('safety.retention.none')}</p> : (
        <ul className="backup-list">
          {due.map((item) => (
            <li key={item.studentId}>
              <span><strong>{item.displayName}</strong> <span className="subtle">{t('safety.retention.dueSince', { date: formatDate(item.dueSince, i18n.language) })}</span></span>
              <button type="button" className="button button-ghost" onClick={() => setErasing(item)}>{t('safety.erase.button')}</button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage message={error} />
      {erasing && (
        <EraseStudentDialog studentId={erasing.studentId} name={erasing.displayName}
          onDone={() => { setErasing(null); void reload(); }} onCancel={() => setErasing(null)} />
      )}
    </div>
  );
}
