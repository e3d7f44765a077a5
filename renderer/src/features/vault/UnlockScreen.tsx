import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import type { VaultStatus } from '../../../../shared/schemas';
import { getApi } from '../../api';
import type { LockReason } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorText } from '../../components/useErrorText';
import { PassphraseInput } from './PassphraseInput';
import { RestoreBackupScreen } from './RestoreBackupScreen';
import { StrengthMeter } from './StrengthMeter';
import { useCountdown } from './useCountdown';
import { usePassphraseStrength } from './usePassphraseStrength';
import { VaultFrame } from './VaultFrame';
import { MigrationProgress } from './MigrationProgress';

interface Props {
  status: VaultStatus;
  reason: LockReason | null;
  onUnlocked(): void;
}

export function UnlockScreen({ status, reason, onUnlocked }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blockedUntil, setBlockedUntil] = useState(() => Date.now() + status.retryAfterMs);
  const waitSeconds = useCountdown(blockedUntil);
  const strength = usePassphraseStrength(newPassphrase, i18n.language as Language);
  const formRef = useRef<HTMLFormElement>(null);
  const [restoring, setRestoring] = useState(false);
  /** A damaged key file (issue 14): its verified copy offered, in use, or none there. */
  const [keyCopy, setKeyCopy] = useState<'offer' | 'using' | 'none' | null>(null);
  const fromCopy = keyCopy === 'using' ? { fromCopy: true } : {};

  async function attempt(run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run();
      onUnlocked();
    } catch (caught) {
      // Clear and refocus together with the message: anything typed after this moment is kept.
      setBusy(false);
      setError(errorText(caught));
      setPassphrase('');
      formRef.current?.querySelector('input')?.focus();
      if (caught instanceof AppError && caught.code === 'KEYFILE_DAMAGED') {
        setKeyCopy(caught.params?.copy === 1 && keyCopy !== 'using' ? 'offer' : 'none');
      }
      if (caught instanceof AppError && caught.code === 'UNLOCK_THROTTLED') {
        setBlockedUntil(Date.now() + Number(caught.params?.seconds ?? 1) * 1000);
      } else {
        const next = await getApi().vault.status().catch(() => null);
        if (next) setBlockedUntil(Date.now() + next.retryAfterMs);
      }
    }
  }

  const submitPassphrase = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => getApi().vault.unlock({ passphrase, ...fromCopy }));
  };
  const submitRecovery = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => getApi().vault.unlockWithRecoveryKey({ recoveryKey, newPassphrase, ...fromCopy }));
  };

  const notice = reason === 'auto' ? t('vault.autoLockedNotice') : reason === 'manual' ? t('vault.lockedNotice') : reason === 'host' ? t('errors.HOST_DOWN') : null;
  const blocked = waitSeconds > 0;

  // Also for "I made a new vault here, then found my backup": the restore replaces this vault
  // after a confirmation, and sets it aside.
  if (restoring) return <RestoreBackupScreen onBack={() => setRestoring(false)} onDone={onUnlocked} />;

  return (
    <VaultFrame title={t('vault.unlockTitle')}>
      {notice && <p className="notice" role="status">{notice}</p>}
      {busy && <MigrationProgress />}
      {keyCopy === 'offer' && (
        <div className="notice" role="status">
          <p>{t('keySafety.keyFile.damagedWithCopy')}</p>
          <button type="button" className="button button-secondary" onClick={() => { setKeyCopy('using'); setError(null); }}>
            {t('keySafety.keyFile.useCopy')}
          </button>
        </div>
      )}
      {keyCopy === 'using' && <p className="notice" role="status">{t('keySafety.keyFile.usingCopy')}</p>}
      {keyCopy === 'none' && (
        <div className="notice" role="status">
          <p>{t('keySafety.keyFile.damagedNoCopy')}</p>
          <button type="button" className="button button-secondary" onClick={() => setRestoring(true)}>{t('restore.entry')}</button>
        </div>
      )}
      {mode === 'passphrase' ? (
        <form ref={formRef} onSubmit={submitPassphrase} className="stack" noValidate>
          <p className="lead">{t('vault.unlockIntro')}</p>
          <PassphraseInput
            label={t('vault.passphrase')}
            value={passphrase}
            onChange={setPassphrase}
            autoComplete="current-password"
            autoFocus
            invalid={Boolean(error)}
            describedBy={error ? 'unlock-error' : undefined}
            name="passphrase"
          />
          <ErrorMessage message={error} id="unlock-error" />
          {blocked && <p className="notice" role="status">{t('vault.retryIn', { seconds: waitSeconds })}</p>}
          <button type="submit" className="button button-primary" disabled={busy || blocked || passphrase.length === 0}>
            {busy ? t('vault.unlocking') : t('vault.unlock')}
          </button>
          {status.deviceUnlockAvailable && status.deviceUnlockEnabled && (
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => void attempt(() => getApi().vault.unlockWithDevice())}>
              {t('vault.unlockWithDevice')}
            </button>
          )}
          <button type="button" className="link-button" onClick={() => { setMode('recovery'); setError(null); }}>
            {t('vault.useRecoveryKey')}
          </button>
          <button type="button" className="link-button" onClick={() => setRestoring(true)}>
            {t('restore.entry')}
          </button>
        </form>
      ) : (
        <form ref={formRef} onSubmit={submitRecovery} className="stack" noValidate>
          <div className="field">
            <label htmlFor="recovery-key">{t('vault.recoveryKey')}</label>
            <input
              id="recovery-key"
              value={recoveryKey}
              onChange={(event) => setRecoveryKey(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoFocus
              aria-describedby="recovery-key-hint"
              className="mono"
            />
            <p className="hint" id="recovery-key-hint">{t('vault.recoveryKeyHint')}</p>
          </div>
          <PassphraseInput label={t('vault.newPassphrase')} value={newPassphrase} onChange={setNewPassphrase} autoComplete="new-password" describedBy="new-strength" />
          <StrengthMeter strength={strength} id="new-strength" />
          <ErrorMessage message={error} />
          {blocked && <p className="notice" role="status">{t('vault.retryIn', { seconds: waitSeconds })}</p>}
          <button type="submit" className="button button-primary" disabled={busy || blocked || !recoveryKey || !strength?.acceptable}>
            {t('vault.recoverAndUnlock')}
          </button>
          <button type="button" className="link-button" onClick={() => { setMode('passphrase'); setError(null); }}>
            {t('vault.usePassphrase')}
          </button>
        </form>
      )}
    </VaultFrame>
  );
}
