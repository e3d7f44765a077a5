import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import type { PickedBackup } from '../../../../shared/restoreSchemas';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { PassphraseInput } from './PassphraseInput';
import { StrengthMeter } from './StrengthMeter';
import { usePassphraseStrength } from './usePassphraseStrength';

export interface RestoredBackup {
  picked: PickedBackup;
  setAside: string | null;
  /** Students this vault had erased that the backup still held, erased again (issue 14). */
  reErased: number;
}

export const backupDate = (iso: string, language: string): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

interface Props {
  /** A backup already chosen (from the backup list); otherwise the mentor picks a file first. */
  initial?: PickedBackup | null;
  onRestored(result: RestoredBackup): void;
  /** When the caller needs to treat a failure itself (a locked vault in the shell); else shown here. */
  onError?(error: unknown): boolean;
}

/**
 * Restoring a backup file: choose it (the backend's open dialog), see what it says it holds,
 * confirm when it replaces the vault that is here, open it with the passphrase or recovery key
 * of its time. Used on the first screen of a new computer, on the unlock screen and in settings.
 */
export function RestoreBackupForm({ initial = null, onRestored, onError }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [picked, setPicked] = useState<PickedBackup | null>(initial);
  const [method, setMethod] = useState<'passphrase' | 'recoveryKey'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState<'choosing' | 'restoring' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const strength = usePassphraseStrength(newPassphrase, i18n.language as Language);

  const fail = (caught: unknown) => {
    if (!onError?.(caught)) setError(errorText(caught));
  };

  async function choose() {
    setBusy('choosing');
    setError(null);
    try {
      const next = await getApi().vault.pickBackup({});
      // Cancelling the dialog keeps what was chosen before.
      if (next) {
        setPicked(next);
        setConfirmed(false);
      }
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!picked) return;
    setBusy('restoring');
    setError(null);
    try {
      const replaceCurrent = picked.effect === 'replaces' && confirmed;
      const result = method === 'passphrase'
        ? await getApi().vault.restoreFromBackup({ token: picked.token, method, passphrase, replaceCurrent })
        : await getApi().vault.restoreFromBackup({ token: picked.token, method, recoveryKey, newPassphrase, replaceCurrent });
      setPassphrase('');
      onRestored({ picked, setAside: result.setAside, reErased: result.reErased });
    } catch (caught) {
      setBusy(null);
      setPassphrase('');
      fail(caught);
    }
  }

  const secretReady = method === 'passphrase' ? passphrase.length > 0 : recoveryKey.length > 0 && Boolean(strength?.acceptable);
  const canSubmit = Boolean(picked) && secretReady && (picked?.effect !== 'replaces' || confirmed) && busy === null;

  return (
    <div className="stack restore-backup">
      <p className="hint">{t('restore.intro')}</p>
      <div>
        <button type="button" className={`button ${picked ? 'button-secondary' : 'button-primary'}`} onClick={() => void choose()} disabled={busy !== null}>
          {busy === 'choosing' ? t('restore.choosing') : picked ? t('restore.chooseOther') : t('restore.choose')}
        </button>
      </div>
      {picked && (
        <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${id}-picked`}>
          <div className="notice" data-testid="picked-backup">
            <p><strong id={`${id}-picked`}>{t('restore.picked', { date: backupDate(picked.createdAt, i18n.language) })}</strong></p>
            <p>{t('restore.pickedSummary', { students: picked.counts.students ?? 0, dialogues: picked.counts.dialogues ?? 0, fileName: picked.fileName })}</p>
            <p className="hint">{t('restore.notVerifiedYet')}</p>
          </div>
          {picked.effect === 'replaces' && (
            <div className="stack">
              <p className="notice" role="note">{picked.sameVault ? t('restore.replaceWarningSame') : t('restore.replaceWarning')}</p>
              <label className="checkbox">
                <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
                <span>{t('restore.replaceConfirm')}</span>
              </label>
            </div>
          )}
          <fieldset className="choice-group">
            <legend>{t('restore.methodLegend')}</legend>
            <label className="checkbox">
              <input type="radio" name={`${id}-method`} value="passphrase" checked={method === 'passphrase'} onChange={() => { setMethod('passphrase'); setError(null); }} />
              <span>{t('restore.usePassphrase')}</span>
            </label>
            <label className="checkbox">
              <input type="radio" name={`${id}-method`} value="recoveryKey" checked={method === 'recoveryKey'} onChange={() => { setMethod('recoveryKey'); setError(null); }} />
              <span>{t('restore.useRecoveryKey')}</span>
            </label>
          </fieldset>
          {method === 'passphrase' ? (
            <PassphraseInput label={t('restore.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="current-password" name="restore-passphrase"
              invalid={Boolean(error)} describedBy={error ? `${id}-error` : undefined} />
          ) : (
            <>
              <div className="field">
                <label htmlFor={`${id}-recovery`}>{t('restore.recoveryKey')}</label>
                <input id={`${id}-recovery`} className="mono" value={recoveryKey} onChange={(event) => setRecoveryKey(event.target.value)}
                  autoComplete="off" spellCheck={false} aria-describedby={`${id}-recovery-hint`} />
                <p className="hint" id={`${id}-recovery-hint`}>{t('restore.recoveryKeyHint')}</p>
              </div>
              <PassphraseInput label={t('restore.newPassphrase')} value={newPassphrase} onChange={setNewPassphrase} autoComplete="new-password" describedBy={`${id}-strength`} />
              <StrengthMeter strength={strength} id={`${id}-strength`} />
            </>
          )}
          <ErrorMessage message={error} id={`${id}-error`} />
          <div>
            <button type="submit" className="button button-primary" disabled={!canSubmit} aria-busy={busy === 'restoring'}>
              {busy === 'restoring' ? t('restore.restoring') : t('restore.submit')}
            </button>
          </div>
        </form>
      )}
      {!picked && <ErrorMessage message={error} />}
    </div>
  );
}
