import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { LabelledAction } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { useFileActions } from '../export/useExportToast';
import { VaultFrame } from './VaultFrame';

type Kept = 'copied' | 'saved' | 'printed';

/** Copies text without the clipboard permission (the session grants none): a selected, hidden field. */
function copyText(text: string): boolean {
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.remove();
  }
}

/**
 * Shown once, right after the vault is made. The key is not stored anywhere readable. Three ways
 * to keep it: copy, save as a text file (save dialog, .txt) and print (a print view with only
 * the key and what it is). After each, focus moves on to the next step, the confirmation.
 */
export function RecoveryKeyScreen({ recoveryKey, onDone }: { recoveryKey: string; onDone(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [confirmed, setConfirmed] = useState(false);
  const [kept, setKept] = useState<Kept | null>(null);
  const [error, setError] = useState<string | null>(null);
  // "Toon in map" beside the status once the .txt is saved: where it went is worth checking here.
  const fileActions = useFileActions({ open: false });
  const [showSaved, setShowSaved] = useState<LabelledAction | null>(null);
  const confirm = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLButtonElement>(null);

  const keptIt = (how: Kept) => {
    setKept(how);
    setError(null);
    confirm.current?.focus();
  };

  return (
    <VaultFrame title={t('vault.recoveryTitle')}>
      <p className="print-only recovery-print-title">{t('firstRun.recovery.printTitle')}</p>
      <p className="lead">{t('vault.recoveryIntro')}</p>
      <p className="recovery-key" data-testid="recovery-key" aria-label={t('vault.recoveryKey')}>
        {recoveryKey.split('-').map((group, index) => (
          <span key={index}>{group}</span>
        ))}
      </p>
      <p className="print-only">{t('firstRun.recovery.printNote')}</p>
      <p className="hint">{t('vault.recoveryAdvice')}</p>
      <div className="row recovery-actions">
        <button type="button" className="button button-secondary" onClick={() => {
          if (copyText(recoveryKey)) keptIt('copied');
          else setError(t('firstRun.recovery.copyFailed'));
        }}>
          {t('firstRun.recovery.copy')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void getApi().firstRun.saveRecoveryKey({ recoveryKey }).then(
          (result) => {
            if (!result.saved) return;
            setShowSaved(fileActions(result)[0] ?? null);
            keptIt('saved');
          },
          (caught) => setError(errorText(caught)))}>
          {t('firstRun.recovery.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => { window.print(); keptIt('printed'); }}>
          {t('vault.recoveryPrint')}
        </button>
      </div>
      <p className="status-line" role="status" aria-live="polite">{kept ? t(`firstRun.recovery.${kept}`) : ''}</p>
      {kept === 'saved' && showSaved && (
        <p><button type="button" className="link-button" onClick={() => showSaved.run()}>{showSaved.label}</button></p>
      )}
      <ErrorMessage message={error} />
      <label className="checkbox">
        <input ref={confirm} type="checkbox" checked={confirmed} onChange={(event) => {
          setConfirmed(event.target.checked);
          // The next step: the button becomes usable, so it takes the focus.
          if (event.target.checked) setTimeout(() => done.current?.focus(), 0);
        }} />
        <span>{t('vault.recoveryConfirm')}</span>
      </label>
      <button ref={done} type="button" className="button button-primary" disabled={!confirmed} onClick={onDone}>
        {t('vault.recoveryDone')}
      </button>
    </VaultFrame>
  );
}
