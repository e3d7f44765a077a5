import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PolicyNotice } from '../policy/PolicyNotice';

/** The calm, centred frame of the screens before the vault is open. */
export function VaultFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="vault-frame">
      <header className="vault-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◐</span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="vault-card" id="main">
        <h1>{title}</h1>
        <PolicyNotice />
        {children}
      </main>
      <footer className="vault-footer">{t('app.tagline')}</footer>
    </div>
  );
}
