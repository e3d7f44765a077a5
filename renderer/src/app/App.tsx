import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { VaultStatus } from '../../../shared/schemas';
import { getApi } from '../api';
import { onBackendEvent } from '../events';
import { ToastProvider } from '../components/Toasts';
import { CreateVaultScreen } from '../features/vault/CreateVaultScreen';
import { RecoveryKeyScreen } from '../features/vault/RecoveryKeyScreen';
import { UnlockScreen } from '../features/vault/UnlockScreen';
import { initI18n } from '../i18n';
import type { Route } from './navigation';
import { isLockedError, type LockReason, type Session, SessionContext } from './session';
import { loadShell, prefetchShellWhenIdle, type ShellComponent } from './shellChunk';

type Phase =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'recovery'; recoveryKey: string }
  | { kind: 'locked'; status: VaultStatus; reason: LockReason | null }
  | { kind: 'unlocked'; session: number; Shell: ShellComponent };

const FLUSH_TIMEOUT_MS = 5_000;

export function App({ initialStatus }: { initialStatus: Promise<VaultStatus> }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [i18n, setI18n] = useState<ReturnType<typeof initI18n> | null>(null);

  const showLocked = useCallback(async (reason: LockReason | null) => {
    const status = await getApi().vault.status();
    setPhase({ kind: 'locked', status, reason });
  }, []);

  // The shell's chunk is fetched before the phase changes, so there is no in-between screen.
  const enterShell = useCallback(async () => {
    const Shell = await loadShell();
    setPhase({ kind: 'unlocked', session: Date.now(), Shell });
  }, []);

  useEffect(() => {
    void (async () => {
      const status = await initialStatus;
      setI18n(initI18n(status.language));
      if (status.state === 'none') setPhase({ kind: 'none' });
      else if (status.state === 'unlocked') await enterShell();
      else setPhase({ kind: 'locked', status, reason: null });
    })();
  }, [initialStatus, enterShell]);

  const locked = phase.kind === 'none' || phase.kind === 'recovery' || phase.kind === 'locked';
  useEffect(() => (locked ? prefetchShellWhenIdle() : undefined), [locked]);

  // The backend says when it locked on its own (idle safety net) or its process went away;
  // the renderer no longer asks every few seconds.
  useEffect(() => {
    if (phase.kind !== 'unlocked') return;
    const offLocked = onBackendEvent('vault:locked', () => void showLocked('auto'));
    const offHost = onBackendEvent('host:down', () => {
      // The shell unmounts with its decrypted state; the next request starts a fresh host.
      setPhase({ kind: 'loading' });
      void showLocked('host');
    });
    return () => {
      offLocked();
      offHost();
    };
  }, [phase.kind, showLocked]);

  const flushes = useRef(new Set<() => Promise<void>>());
  // Where the mentor was when the vault locked (ids only, in memory): after unlocking they land
  // there again instead of on the student list. Passing search terms or a focused tag is not
  // worth keeping across a lock.
  const lastRoute = useRef<Route | null>(null);
  const rememberRoute = useCallback((route: Route) => {
    lastRoute.current = route.screen === 'dialogue' ? { screen: 'dialogue', studentId: route.studentId, dialogueId: route.dialogueId } : route;
  }, []);

  const session = useMemo<Session>(() => ({
    lock(reason) {
      // Unsaved text goes into the vault first (bounded, so a hung save cannot keep it open).
      const pending = Promise.allSettled([...flushes.current].map((flush) => flush()));
      const bounded = Promise.race([pending, new Promise((resolve) => window.setTimeout(resolve, FLUSH_TIMEOUT_MS))]);
      void bounded.then(() => {
        // Leaving the unlocked phase unmounts the whole shell, and with it every piece of decrypted state.
        setPhase({ kind: 'loading' });
        return getApi().vault.lock();
      }).finally(() => showLocked(reason));
    },
    registerFlush(flush) {
      flushes.current.add(flush);
      return () => flushes.current.delete(flush);
    },
    handleLocked(error) {
      if (!isLockedError(error)) return false;
      void showLocked('auto');
      return true;
    },
  }), [showLocked]);

  if (!i18n || phase.kind === 'loading') {
    return <div className="splash" aria-busy="true">Loopbaandialoog</div>;
  }

  return (
    <I18nextProvider i18n={i18n}>
      <ToastProvider>
        <SessionContext.Provider value={session}>
          {phase.kind === 'none' && (
            <CreateVaultScreen onCreated={(recoveryKey) => setPhase({ kind: 'recovery', recoveryKey })} />
          )}
          {phase.kind === 'recovery' && (
            <RecoveryKeyScreen recoveryKey={phase.recoveryKey} onDone={() => void enterShell()} />
          )}
          {phase.kind === 'locked' && (
            <UnlockScreen status={phase.status} reason={phase.reason} onUnlocked={() => void enterShell()} />
          )}
          {phase.kind === 'unlocked' && <phase.Shell key={phase.session} initialRoute={lastRoute.current ?? undefined} onRouteChange={rememberRoute} />}
        </SessionContext.Provider>
      </ToastProvider>
    </I18nextProvider>
  );
}
