import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';

/** Rebuilds the search index from the vault; normally never needed, since every save updates it. */
export function SearchIndexSetting() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field">
      <div>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => {
          setBusy(true);
          setError(null);
          getApi().search.rebuild().then(
            (result) => toasts.show(t('insights.search.rebuilt', { count: result.indexed })),
            (caught) => setError(errorText(caught)),
          ).finally(() => setBusy(false));
        }}>{t('insights.search.rebuild')}</button>
      </div>
      <ErrorMessage message={error} />
    </div>
  );
}
