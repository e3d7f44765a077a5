import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { PassphraseInput } from './PassphraseInput';
import { RestoreBackupScreen } from './RestoreBackupScreen';
import { StrengthMeter } from './StrengthMeter';
import { usePassphraseStrength } from './usePassphraseStrength';
import { VaultFrame } from './VaultFrame';

interface Props {
  onCreated(recoveryKey: string): void;
  /**
   * After a backup was restored instead (the vault is then open). Without it the page reloads:
   * the app then finds the vault unlocked and goes straight in.
   */
  onRestored?(): void;
}

export function CreateVaultScreen({ onCreated, onRestored }: Props) {
  const { t, i18n } = useTranslation();
  const [restoring, setRestoring] = useState(false);
  const errorText = useErrorText();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const strength = usePassphraseStrength(passphrase, i18n.language as Language);
  const mismatch = repeat.length > 0 && repeat !== passphrase;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase !== repeat) {
      setError(t('vault.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey } = await getApi().vault.create({ passphrase });
      onCreated(recoveryKey);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  }

  if (restoring) {
    return <RestoreBackupScreen onBack={() => setRestoring(false)} onDone={() => (onRestored ? onRestored() : window.location.reload())} />;
  }

  return (
    <VaultFrame title={t('vault.createTitle')}>
      <p className="lead">{t('vault.createIntro')}</p>
      <p className="hint">{t('vault.createHint')}</p>
      <form onSubmit={submit} className="stack" noValidate>
        <PassphraseInput
          label={t('vault.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="new-password"
          autoFocus
          describedBy="strength"
          name="passphrase"
        />
        <StrengthMeter strength={strength} id="strength" />
        <PassphraseInput
          label={t('vault.passphraseRepeat')}
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
          invalid={mismatch}
          describedBy={mismatch ? 'mismatch' : undefined}
          name="repeat"
        />
        {mismatch && <p className="field-error" id="mismatch">{t('vault.mismatch')}</p>}
        <ErrorMessage message={error} />
        <button type="submit" className="button button-primary" disabled={busy || !strength?.acceptable || passphrase !== repeat}>
          {busy ? t('vault.creating') : t('vault.create')}
        </button>
      </form>
      <div className="stack">
        <p className="hint">{t('restore.entryHint')}</p>
        <div>
          <button type="button" className="button button-secondary" onClick={() => setRestoring(true)}>{t('restore.entry')}</button>
        </div>
      </div>
    </VaultFrame>
  );
}
