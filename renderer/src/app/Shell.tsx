import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/schemas';
import { getApi } from '../api';
import { LockIcon } from '../components/LockIcon';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StudentListScreen } from '../features/students/StudentListScreen';
import { useSession } from './session';
import { useIdleLock } from './useIdleLock';

type Screen = 'students' | 'settings';

/** The unlocked app. Everything decrypted lives below this component and dies with it on lock. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const [screen, setScreen] = useState<Screen>('students');
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    getApi().settings.get().then(setSettings, (error) => session.handleLocked(error));
  }, [session]);

  useIdleLock(settings?.autoLockMinutes ?? 10, () => session.lock('auto'));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        session.lock('manual');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);

  const navItem = (key: Screen) => (
    <li>
      <button type="button" className="nav-item" aria-current={screen === key ? 'page' : undefined} onClick={() => setScreen(key)}>
        {t(`nav.${key}`)}
      </button>
    </li>
  );

  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◐</span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        {settings?.schoolName ? <p className="school-name">{settings.schoolName}</p> : null}
        <nav aria-label={t('nav.main')}>
          <ul className="nav-list">
            {navItem('students')}
            {navItem('settings')}
          </ul>
        </nav>
        <button type="button" className="button button-secondary lock-button" onClick={() => session.lock('manual')} title="Ctrl+Shift+L">
          <LockIcon /> {t('vault.lock')}
        </button>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {screen === 'students' && <StudentListScreen />}
        {screen === 'settings' && settings && <SettingsScreen settings={settings} onChange={setSettings} />}
      </main>
    </div>
  );
}
