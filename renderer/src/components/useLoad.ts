import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../app/session';
import { useErrorText } from './useErrorText';

export interface Loaded<T> {
  data: T | null;
  /** True until the first load has answered, and during a reload. */
  loading: boolean;
  error: string | null;
  reload(): Promise<void>;
  setData(data: T | ((current: T | null) => T | null)): void;
}

/**
 * A screen's data from the API: loading, a translated error, or the data; the lock screen when
 * the vault locked underneath. `reload` runs the same load again. An answer that arrives after
 * the inputs changed (another student opened meanwhile) or after the screen closed is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const session = useSession();
  const errorText = useErrorText();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await run();
      if (mine !== generation.current) return;
      setData(value);
      setError(null);
    } catch (caught) {
      if (mine !== generation.current) return;
      if (!session.handleLocked(caught)) setError(errorText(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
    // errorText is rebuilt each render but only reads the current language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run, session]);
  useEffect(() => {
    void reload();
    // A closed screen ignores what is still on its way (the counter itself, not a copy of it).
    const counter = generation;
    return () => { counter.current++; };
  }, [reload]);
  return { data, loading, error, reload, setData };
}
