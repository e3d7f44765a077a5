import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogs } from '../../../../shared/i18n';
import type { AuditEntry } from '../../../../shared/safetySchemas';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { useExportToast } from '../export/useExportToast';
import { hasLabel } from '../../translationKeys';

/** What happened to the vault: kinds, times and counts, never content. */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const showExport = useExportToast();
  const id = useId();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getApi().audit.list({ limit: 50 }).then(setEntries, (caught) => setError(errorText(caught)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const format = (iso: string) => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));

  return (
    <div className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('safety.audit.title')}</h2>
      <p className="hint">{t('safety.audit.intro')}</p>
      {entries.length === 0 ? <p className="subtle">{t('safety.audit.empty')}</p> : (
        <div className="audit-scroll">
          <table className="table compact">
            <thead><tr><th scope="col">{t('safety.audit.at')}</th><th scope="col">{t('safety.audit.kind')}</th><th scope="col">{t('safety.audit.detail')}</th></tr></thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={index}>
                  <td>{format(entry.at)}</td>
                  <td>{hasLabel(catalogs.nl.safety.audit.kinds, entry.kind) ? t(`safety.audit.kinds.${entry.kind}`) : entry.kind}</td>
                  <td className="mono">{Object.entries(entry.detail).map(([key, value]) => `${key}: ${value}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage message={error} />
      <div>
        <button type="button" className="button button-secondary" onClick={() => void getApi().audit.exportCsv().then((result) => showExport(result), (caught) => setError(errorText(caught)))}>
          {t('safety.audit.exportCsv')}
        </button>
      </div>
    </div>
  );
}
