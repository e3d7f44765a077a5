import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';

/**
 * Unlocking with the operating system's keychain. Shown only where the platform offers real
 * protection (never on Linux's basic_text backend); the passphrase always keeps working.
 */
export function DeviceUnlockSetting() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [available, setAvailable] = useState(false);
  const [enabled, setEnabled] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getApi().vault.status().then((status) => {
      setAvailable(status.deviceUnlockAvailable);
      setEnabled(status.deviceUnlockEnabled);
    }, () => undefined);
  }, []);

  if (!available) return null;
  return (
    <div>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(event) => {
          const next = event.target.checked;
          setError(null);
          // Ticks at once; a refusal puts it back and says why.
          setEnabled(next);
          getApi().vault.setDeviceUnlock({ enabled: next }).catch((caught) => {
            setEnabled(!next);
            setError(errorText(caught));
          });
        }} />
        <span>{t('settings.deviceUnlock')}</span>
      </label>
      <p className="hint">{t('settings.deviceUnlockHint')}</p>
      <ErrorMessage message={error} />
    </div>
  );
}
