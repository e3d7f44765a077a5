import { useEffect, useRef } from 'react';
import { getApi } from '../api';

const CHECK_MS = 5_000;
const REPORT_ACTIVITY_MS = 60_000;
const EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focusin'] as const;
/** Sent on window by work that counts as the mentor being there without input (a recording that runs). */
export const ACTIVITY_EVENT = 'lbd:activity';

/**
 * Locks after `minutes` without keyboard or pointer input. Also tells the backend, at most once a
 * minute, that the mentor is active, so the backend's own idle lock (its safety net) agrees.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const lastInput = useRef(Date.now());
  const lastReport = useRef(0);
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    const onInput = () => {
      const now = Date.now();
      lastInput.current = now;
      if (now - lastReport.current > REPORT_ACTIVITY_MS) {
        lastReport.current = now;
        getApi().session.activity().catch(() => undefined);
      }
    };
    for (const name of EVENTS) window.addEventListener(name, onInput, { passive: true, capture: true });
    window.addEventListener(ACTIVITY_EVENT, onInput);
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current >= minutes * 60_000) onIdleRef.current();
    }, CHECK_MS);
    return () => {
      for (const name of EVENTS) window.removeEventListener(name, onInput, { capture: true });
      window.removeEventListener(ACTIVITY_EVENT, onInput);
      window.clearInterval(timer);
    };
  }, [minutes]);
}
