import { useCallback, useRef, useState } from 'react';
import { useSession } from '../app/session';
import { useErrorText } from './useErrorText';

export interface DialogAction {
  busy: boolean;
  error: string | null;
  setError(error: string | null): void;
  /** Runs the dialog's action; resolves true when it succeeded. */
  run(action: () => Promise<void> | void): Promise<boolean>;
}

/**
 * The one way a dialog runs its main action: busy while it runs; on failure a translated error
 * inside the dialog, which stays open with what was typed; on success `onDone` (usually: close).
 * A vault that locked underneath goes to the lock screen instead of showing an error.
 * `errorText` lets a screen say an error in its own words (the codebook's READ_ONLY).
 */
export function useDialogAction(options: { onDone?(): void; errorText?(error: unknown): string } = {}): DialogAction {
  const session = useSession();
  const baseErrorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Read at call time, so a caller may pass fresh closures on every render.
  const latest = useRef(options);
  latest.current = options;
  const running = useRef(false);

  const run = useCallback(async (action: () => Promise<void> | void) => {
    // A double click or a second Enter must not run an export or an erasure twice.
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      running.current = false;
      setBusy(false);
      if (!session.handleLocked(caught)) setError((latest.current.errorText ?? baseErrorText)(caught));
      return false;
    }
    running.current = false;
    // Success usually unmounts the dialog; resetting busy after that is harmless in React 19.
    setBusy(false);
    latest.current.onDone?.();
    return true;
    // baseErrorText is rebuilt each render but only reads the current language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  return { busy, error, setError, run };
}
