import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LockIcon } from '../components/LockIcon';
import { MoreMenu, MoreMenuItem } from '../components/MoreMenu';

export type Section = 'today' | 'students' | 'search' | 'groups' | 'codebook' | 'templates' | 'settings';

/** The sections a mentor opens every day stay in the bar; the rest are one menu away. */
const IN_BAR: readonly Section[] = ['today', 'students', 'search'];
const IN_MENU: readonly Section[] = ['groups', 'codebook', 'templates', 'settings'];

export function useSectionLabel(): (section: Section) => string {
  const { t } = useTranslation();
  return (section) => (section === 'search' || section === 'groups' ? t(`insights.nav.${section}`) : t(`nav.${section}`));
}

/**
 * The sidebar of a narrow window (below 900 px: a laptop at 200 %, 683×384 CSS px) as one row
 * above the screen: brand mark, the daily sections, "Menu" (Radix DropdownMenu, as "Meer" on the
 * student page) with the other sections and the shortcuts, a backup nudge when one is due, and
 * "Vergrendelen" always in sight. Two wrapped rows and a three-line backup note took 145 of the
 * window's 384 px; this leaves the screen all but about 50.
 */
export function TopBar({ current, onGo, onHelp, onLock, backupNote }: {
  current: Section;
  onGo(section: Section): void;
  onHelp(): void;
  onLock(): void;
  backupNote: ReactNode;
}) {
  const { t } = useTranslation();
  const label = useSectionLabel();
  const inMenu = IN_MENU.includes(current);
  return (
    <aside className="sidebar top-bar">
      <span className="brand-mark" aria-hidden="true">◐</span>
      <nav aria-label={t('nav.main')}>
        <ul className="nav-list">
          {IN_BAR.map((section) => (
            <li key={section}>
              <button type="button" className="nav-item" aria-current={current === section ? 'page' : undefined} onClick={() => onGo(section)}>
                {label(section)}
              </button>
            </li>
          ))}
          <li>
            {/* Marked like a current section while one of its own is open, so the bar still says where one is. */}
            <MoreMenu label={inMenu ? `${t('shell.menu')}: ${label(current)}` : t('shell.menu')} triggerClassName={inMenu ? 'nav-item nav-menu-trigger nav-menu-current' : 'nav-item nav-menu-trigger'}>
              {IN_MENU.map((section) => (
                <MoreMenuItem key={section} current={current === section} onSelect={() => onGo(section)}>{label(section)}</MoreMenuItem>
              ))}
              <MoreMenuItem onSelect={onHelp}>{t('help.open')} (F1)</MoreMenuItem>
            </MoreMenu>
          </li>
        </ul>
      </nav>
      {backupNote}
      <button type="button" className="button button-secondary lock-button" onClick={onLock} title="Ctrl+Shift+L">
        <LockIcon /> <span className="lock-label">{t('vault.lock')}</span>
      </button>
    </aside>
  );
}
