import { useEffect, useState } from 'react';
import type { Language } from '../../../../shared/domain';
import type { PassphraseStrength } from '../../../../shared/passphraseStrength';

/**
 * Estimates strength as the mentor types. The estimator and its dictionaries are loaded on
 * demand, so they do not slow down the unlock screen, and debounced so typing stays fluid.
 */
export function usePassphraseStrength(passphrase: string, language: Language): PassphraseStrength | null {
  const [strength, setStrength] = useState<PassphraseStrength | null>(null);
  useEffect(() => {
    if (!passphrase) {
      setStrength(null);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      const { passphraseStrength } = await import('../../../../shared/passphraseStrength');
      if (!cancelled) setStrength(passphraseStrength(passphrase, language));
    }, 120);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [passphrase, language]);
  return strength;
}
