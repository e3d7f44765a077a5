import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { Dialog, DialogClose } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDialogAction } from '../../components/useDialogAction';
import { useErrorText } from '../../components/useErrorText';
import { PassphraseInput } from '../vault/PassphraseInput';

/**
 * Unlocking with the operating system's keychain. Shown only where the platform offers real
 * protection (never on Linux's basic_text backend); the passphrase always keeps working.
 * Turning it on asks for the passphrase (issue 14): someone at an unlocked laptop must not leave
 * a way in behind that needs no secret. Turning it off needs nothing.
 */
export function DeviceUnlockSetting() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [available, setAvailable] = useState(false);
  const [enabled, setEnabled] = useState(false);
  const [confirming, setConfirming] = useState(false);
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
          setError(null);
          if (event.target.checked) {
            setConfirming(true);
            return;
          }
          // Off at once; a refusal puts it back and says why.
          setEnabled(false);
          getApi().vault.setDeviceUnlock({ enabled: false }).catch((caught) => {
            setEnabled(true);
            setError(errorText(caught));
          });
        }} />
        <span>{t('settings.deviceUnlock')}</span>
      </label>
      <p className="hint">{t('settings.deviceUnlockHint')}</p>
      <ErrorMessage message={error} />
      {confirming && <ConfirmDeviceUnlock onClose={() => setConfirming(false)} onDone={() => { setConfirming(false); setEnabled(true); }} />}
    </div>
  );
}

function ConfirmDeviceUnlock({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, run } = useDialogAction({ onDone });
  return (
    <Dialog
      title={t('keySafety.device.confirmTitle')}
      description={t('keySafety.device.confirmBody')}
      size="narrow"
      onClose={onClose}
      error={error}
      onSubmit={() => void run(async () => {
        await getApi().vault.setDeviceUnlock({ enabled: true, passphrase });
      })}
      actions={(
        <>
          <DialogClose>{t('common.cancel')}</DialogClose>
          <button type="submit" className="button button-primary" disabled={busy || !passphrase}>{t('keySafety.device.turnOn')}</button>
        </>
      )}
    >
      <PassphraseInput label={t('keySafety.device.passphrase')} value={passphrase} onChange={setPassphrase} autoComplete="current-password" />
    </Dialog>
  );
}
