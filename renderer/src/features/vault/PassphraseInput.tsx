import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  autoComplete: 'new-password' | 'current-password';
  autoFocus?: boolean;
  describedBy?: string | undefined;
  invalid?: boolean;
  name?: string;
}

/** A passphrase field with a show/hide toggle; the value never leaves component state. */
export function PassphraseInput({ label, value, onChange, autoComplete, autoFocus, describedBy, invalid, name }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="passphrase-row">
        <input
          id={id}
          name={name}
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
        <button
          type="button"
          className="button button-ghost"
          aria-pressed={visible}
          onClick={() => setVisible((shown) => !shown)}
        >
          {t('vault.showPassphrase')}
        </button>
      </div>
    </div>
  );
}
