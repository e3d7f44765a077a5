import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/schemas';
import { getApi } from '../api';
import { LockIcon } from '../components/LockIcon';
import { CodebookScreen } from '../features/codebook/CodebookScreen';
import { DialogueScreen } from '../features/dialogues/DialogueScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StudentListScreen } from '../features/students/StudentListScreen';
import { StudentPage } from '../features/students/StudentPage';
import { TemplatesScreen } from '../features/templates/TemplatesScreen';
import { HelpOverlay } from '../components/HelpOverlay';
import { GroupsScreen } from '../features/groups/GroupsScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import { TodayScreen } from '../features/today/TodayScreen';
import { type Navigation, NavigationContext, type Route } from './navigation';
import { useSession } from './session';
import { BackupStatusNote } from './BackupStatusNote';
import { DiskFullNote } from './DiskFullNote';
import { QuickSwitcher } from './QuickSwitcher';
import { type Section, TopBar, useSectionLabel } from './TopBar';
import { useIdleLock } from './useIdleLock';
import { useMediaQuery } from './useMediaQuery';
import { useToastRoom } from './useToastRoom';

/** Below this the sidebar is the one-row TopBar (app.css has the same breakpoint). */
const NARROW = '(max-width: 900px)';

/** Where the sidebar's state is remembered: a layout preference of this window, no data. */
const SIDEBAR_KEY = 'lbd.sidebar';

function rememberedCollapsed(): boolean {
  try {
    return window.localStorage.getItem(SIDEBAR_KEY) === 'collapsed';
  } catch {
    return false;
  }
}

const sectionOf = (route: Route): Section =>
  route.screen === 'student' || route.screen === 'dialogue' ? 'students' : route.screen;

/** The unlocked app. Everything decrypted lives below this component and dies with it on lock. */
export function Shell({ initialRoute, onRouteChange }: { initialRoute?: Route | undefined; onRouteChange?: (route: Route) => void } = {}) {
  const { t } = useTranslation();
  const session = useSession();
  const narrow = useMediaQuery(NARROW);
  const sectionLabel = useSectionLabel();
  const [route, setRoute] = useState<Route>(initialRoute ?? { screen: 'students' });
  useEffect(() => onRouteChange?.(route), [route, onRouteChange]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [switcherOpen, setSwitcherOpen] = useState(false);
  // Collapsed to a rail on a wide window; below 900 px (a laptop at 200 %) the sidebar folds into
  // a bar above the screen by itself, whatever this says (app.css, reflow).
  const [collapsed, setCollapsed] = useState(rememberedCollapsed);
  const toggleSidebar = useCallback(() => setCollapsed((was) => {
    try {
      window.localStorage.setItem(SIDEBAR_KEY, was ? 'expanded' : 'collapsed');
    } catch {
      /* not remembered; the toggle still works for this window */
    }
    return !was;
  }), []);
  const navigation = useMemo<Navigation>(() => ({ route, go: setRoute }), [route]);

  useEffect(() => {
    getApi().settings.get().then(setSettings, (error) => session.handleLocked(error));
  }, [session]);

  // The toasts sit beside the sidebar (features.css), outside this component: they read it from the root.
  useEffect(() => {
    document.documentElement.dataset.sidebar = collapsed ? 'collapsed' : 'expanded';
    return () => { delete document.documentElement.dataset.sidebar; };
  }, [collapsed]);

  useIdleLock(settings?.autoLockMinutes ?? 10, () => session.lock('auto'));
  useToastRoom();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        session.lock('manual');
      } else if (mod && !event.shiftKey && event.key === '\\') {
        event.preventDefault();
        toggleSidebar();
      } else if (mod && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setSwitcherOpen(true);
      } else if (event.key === 'F1' || (mod && event.key === '/')) {
        event.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, toggleSidebar]);

  // Move focus to the new screen's content so keyboard and screen-reader users land there.
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [route.screen]);

  const current = sectionOf(route);
  const navItem = (key: Section) => (
    <li>
      <button type="button" className="nav-item" aria-current={current === key ? 'page' : undefined} onClick={() => setRoute({ screen: key } as Route)}>
        {sectionLabel(key)}
      </button>
    </li>
  );

  return (
    <NavigationContext.Provider value={navigation}>
      <div className={collapsed ? 'shell shell-collapsed' : 'shell'}>
        <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
        {narrow ? (
          <TopBar current={current} onGo={(section) => setRoute({ screen: section } as Route)} onHelp={() => setHelpOpen(true)} onLock={() => session.lock('manual')}
            backupNote={<BackupStatusNote compact onOpen={() => setRoute({ screen: 'settings' })} refreshKey={route.screen} />} />
        ) : (
        <aside className="sidebar">
          <button type="button" className="icon-button sidebar-toggle" onClick={toggleSidebar} aria-expanded={!collapsed} aria-controls="sidebar-content"
            aria-label={collapsed ? t('shell.expand') : t('shell.collapse')} title={`${collapsed ? t('shell.expand') : t('shell.collapse')} (Ctrl+\\)`}>
            <span aria-hidden="true">{collapsed ? '»' : '«'}</span>
          </button>
          <button type="button" className="icon-button sidebar-rail-lock" onClick={() => session.lock('manual')} aria-label={t('vault.lock')} title="Ctrl+Shift+L">
            <LockIcon />
          </button>
          <div className="sidebar-content" id="sidebar-content">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">◐</span>
            <span className="brand-name">{t('app.name')}</span>
          </div>
          {settings?.schoolName ? <p className="school-name">{settings.schoolName}</p> : null}
          <nav aria-label={t('nav.main')}>
            <ul className="nav-list">
              {navItem('today')}
              {navItem('students')}
              {navItem('search')}
              {navItem('groups')}
              {navItem('codebook')}
              {navItem('templates')}
              {navItem('settings')}
            </ul>
          </nav>
          <div className="sidebar-bottom">
            <BackupStatusNote onOpen={() => setRoute({ screen: 'settings' })} refreshKey={route.screen} />
            <button type="button" className="button button-ghost help-button" onClick={() => setHelpOpen(true)} title="F1">
              {t('help.open')}
            </button>
            <button type="button" className="button button-secondary lock-button" onClick={() => session.lock('manual')} title="Ctrl+Shift+L">
              <LockIcon /> {t('vault.lock')}
            </button>
          </div>
          </div>
        </aside>
        )}
        <main id="main" className="main" tabIndex={-1}>
          <DiskFullNote refreshKey={route.screen} />
          {route.screen === 'today' && <TodayScreen />}
          {route.screen === 'students' && <StudentListScreen />}
          {route.screen === 'student' && <StudentPage key={route.studentId} studentId={route.studentId} />}
          {route.screen === 'dialogue' && (
            <DialogueScreen key={route.dialogueId} studentId={route.studentId} dialogueId={route.dialogueId} focusAnnotationId={route.focusAnnotationId} highlight={route.highlight} focusText={route.focusText} />
          )}
          {route.screen === 'search' && <SearchScreen />}
          {route.screen === 'groups' && <GroupsScreen />}
          {route.screen === 'codebook' && <CodebookScreen />}
          {route.screen === 'templates' && <TemplatesScreen />}
          {route.screen === 'settings' && settings && <SettingsScreen settings={settings} onChange={setSettings} />}
        </main>
        <HelpOverlay open={helpOpen} onOpenChange={setHelpOpen} />
        {switcherOpen && <QuickSwitcher onGo={setRoute} onClose={() => setSwitcherOpen(false)} />}
      </div>
    </NavigationContext.Provider>
  );
}
