import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../shared/safetySchemas';
import { getApi } from '../api';
import { onBackendEvent } from '../events';

/**
 * The last verified backup's age in the sidebar, on every screen, and a nudge when something
 * stands in the way of the next one: a backup is there for the day the laptop is lost, and the
 * mentor should not have to open settings to learn that there is none.
 * `compact` is the one-row top bar of a narrow window: all well says nothing there (Settings
 * shows the age), and a nudge is one short button that says the whole sentence to a screen
 * reader and in its tooltip.
 */
export function BackupStatusNote({ onOpen, refreshKey, compact = false }: { onOpen: () => void; refreshKey: string; compact?: boolean }) {
  const { t } = useTranslation();
  const describedBy = useId();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const load = useCallback(() => {
    getApi().status.backup().then(setStatus, () => setStatus(null));
  }, []);

  useEffect(load, [load, refreshKey]);
  useEffect(() => {
    const offFinished = onBackendEvent('backup:finished', load);
    const offFailed = onBackendEvent('backup:failed', load);
    return () => {
      offFinished();
      offFailed();
    };
  }, [load]);

  if (!status) return null;
  const warn = status.state !== 'ok';
  const text = (() => {
    switch (status.state) {
      case 'ok':
        if (status.ageDays === 0) return t('backupStatus.okToday');
        if (status.ageDays === 1) return t('backupStatus.okYesterday');
        return t('backupStatus.okDays', { count: status.ageDays ?? 0 });
      case 'stale':
        return t('backupStatus.stale', { count: status.ageDays ?? 0 });
      default:
        return t(`backupStatus.${status.state}`);
    }
  })();
  if (compact) {
    if (!warn) return null;
    return (
      <div className="backup-status backup-status-compact" role="status">
        <button type="button" className="button backup-badge" onClick={onOpen} title={`${text} ${t('backupStatus.action')}`} aria-describedby={describedBy}>
          <span className="backup-badge-mark" aria-hidden="true">!</span> {t('shell.backupShort')}
        </button>
        <span id={describedBy} hidden>{text}</span>
      </div>
    );
  }
  return (
    <div className={warn ? 'backup-status backup-status-warn' : 'backup-status'} role={warn ? 'status' : undefined}>
      <p>{text}</p>
      {warn && (
        <button type="button" className="link-button" onClick={onOpen}>{t('backupStatus.action')}</button>
      )}
    </div>
  );
}
