import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/domain';
import type { PassphraseStrength } from '../../../../shared/passphraseStrength';

export function StrengthMeter({ strength, id }: { strength: PassphraseStrength | null; id: string }) {
  const { t } = useTranslation();
  const score = strength?.score ?? 0;
  return (
    <div className="strength" id={id} aria-live="polite">
      <div className="strength-bar" data-score={strength ? score : 'none'}>
        {[0, 1, 2, 3].map((segment) => (
          <span key={segment} className={strength && score > segment ? 'filled' : ''} />
        ))}
      </div>
      {strength && (
        <p className="strength-text">
          <strong>{t('vault.strength.label')}: {t(`vault.strength.${score}`)}.</strong>{' '}
          {strength.tooShort
            ? t('vault.strength.tooShort', { min: MIN_PASSPHRASE_LENGTH })
            : strength.acceptable
              ? t('vault.strength.acceptable')
              : [strength.warning, ...strength.suggestions].filter(Boolean).join(' ')}
        </p>
      )}
    </div>
  );
}
