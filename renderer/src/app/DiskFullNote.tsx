import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../api';

/**
 * Issue 13: a vault opened on a full disk opens to read (a mentor must not be locked out of
 * every transcript), and says so above every screen until there is room again: saves answer
 * DISK_FULL meanwhile. "Check again" asks the backend, which tries the write it could not do.
 */
export function DiskFullNote({ refreshKey }: { refreshKey: string }) {
  const { t } = useTranslation();
  const [full, setFull] = useState(false);
  const check = useCallback(() => {
    getApi().vault.status().then((status) => setFull(status.diskFull), () => undefined);
  }, []);
  useEffect(check, [check, refreshKey]);
  if (!full) return null;
  return (
    <div className="disk-full-note" role="alert">
      <p>{t('shell.diskFull')}</p>
      <button type="button" onClick={check}>{t('shell.diskFullRetry')}</button>
    </div>
  );
}
