import { useState } from 'react';
import { useErrorText } from './useErrorText';

/**
 * The one way a dialog runs its main action: busy while it runs, a translated error (and the
 * dialog stays open with what was typed) when it fails. Success usually closes the dialog, so
 * `busy` is only reset on failure.
 */
export function useDialogAction(): { busy: boolean; error: string | null; setError(error: string | null): void; run(action: () => Promise<void>): Promise<void> } {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
