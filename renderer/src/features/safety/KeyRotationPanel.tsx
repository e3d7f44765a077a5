import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { PassphraseInput } from '../vault/PassphraseInput';

/** Re-encrypts the vault with a new data key; the new recovery key is shown once, like at creation. */
export function KeyRotationPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setRecoveryKey((await getApi().vault.rotateKey({ passphrase })).recoveryKey);
      setPassphrase('');
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('safety.rotate.title')}</h3>
      <p className="hint">{t('safety.rotate.intro')}</p>
      <PassphraseInput label={t('safety.rotate.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="current-password" />
      <ErrorMessage message={error} />
      <div><button type="submit" className="button button-secondary" disabled={busy || !passphrase}>{busy ? t('safety.rotate.running') : t('safety.rotate.run')}</button></div>
      {recoveryKey && (
        <div role="status">
          <p><strong>{t('safety.rotate.newKey')}</strong></p>
          <p className="recovery-key" data-testid="new-recovery-key">{recoveryKey.split('-').map((group, index) => <span key={index}>{group}</span>)}</p>
          <p className="hint">{t('vault.recoveryAdvice')}</p>
        </div>
      )}
    </form>
  );
}
