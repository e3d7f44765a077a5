import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VaultFrame } from './VaultFrame';

/** Shown once, right after the vault is made. The key is not stored anywhere readable. */
export function RecoveryKeyScreen({ recoveryKey, onDone }: { recoveryKey: string; onDone(): void }) {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState(false);
  return (
    <VaultFrame title={t('vault.recoveryTitle')}>
      <p className="lead">{t('vault.recoveryIntro')}</p>
      <p className="recovery-key" data-testid="recovery-key" aria-label={t('vault.recoveryKey')}>
        {recoveryKey.split('-').map((group, index) => (
          <span key={index}>{group}</span>
        ))}
      </p>
      <p className="hint">{t('vault.recoveryAdvice')}</p>
      <div className="row">
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          {t('vault.recoveryPrint')}
        </button>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
        <span>{t('vault.recoveryConfirm')}</span>
      </label>
      <button type="button" className="button button-primary" disabled={!confirmed} onClick={onDone}>
        {t('vault.recoveryDone')}
      </button>
    </VaultFrame>
  );
}
