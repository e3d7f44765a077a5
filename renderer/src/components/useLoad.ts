import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../app/session';
import { useErrorText } from './useErrorText';

/**
 * Loads something from the API, with a translated error and the lock screen when the vault
 * locked underneath. `reload` re-runs the same load.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null; reload(): Promise<void>; setData(data: T): void } {
  const session = useSession();
  const errorText = useErrorText();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      setData(await run());
      setError(null);
    } catch (caught) {
      if (!session.handleLocked(caught)) setError(errorText(caught));
    }
    // errorText is rebuilt each render but only reads the current language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, session]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload, setData };
}
