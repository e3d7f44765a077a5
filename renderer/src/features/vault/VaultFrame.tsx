import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PolicyNotice } from '../policy/PolicyNotice';

/**
 * The calm, centred frame of the screens before the vault is open. One screen replaces the
 * next (create, then the recovery key): the button that was pressed is gone, so focus would
 * drop to the page. Then the card takes it, and Tab goes on to the new screen's first control
 * (a screen's own autofocused field comes first; its focus is set before this effect runs).
 */
export function VaultFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) card.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className="vault-frame">
      <header className="vault-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◐</span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="vault-card" id="main" ref={card} tabIndex={-1}>
        <h1>{title}</h1>
        <PolicyNotice />
        {children}
      </main>
      <footer className="vault-footer">{t('app.tagline')}</footer>
    </div>
  );
}
