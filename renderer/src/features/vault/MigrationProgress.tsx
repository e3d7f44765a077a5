import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onBackendEvent } from '../../events';

/** Shown only when the update is still running after this long; a quick one never flashes. */
const SHOW_AFTER_MS = 500;

/**
 * The progress of a vault update (a migration) at unlock, from the backend's events. The first
 * unlock after an update of the app can take a while on a large vault; the mentor sees that it
 * moves rather than a button that says "unlocking" for a minute.
 */
export function MigrationProgress() {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    let timer: number | null = null;
    const off = onBackendEvent('vault:migrationProgress', ({ done, total }) => {
      setProgress({ done, total });
      timer ??= window.setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    });
    return () => {
      off();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, []);

  if (!visible || !progress) return null;
  const percent = progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : 0;
  return (
    <div className="stack" role="status" aria-live="polite">
      <label htmlFor="migration-progress">{t('vault.migrating', { percent })}</label>
      <progress id="migration-progress" value={percent} max={100} />
    </div>
  );
}
