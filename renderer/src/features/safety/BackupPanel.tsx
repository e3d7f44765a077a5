import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupSettings } from '../../../../shared/safetySchemas';
import { getApi } from '../../api';
import { onBackendEvent } from '../../events';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';

const when = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Where backups go, making one now, and restoring one (with a way back). */
export function BackupPanel() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const toasts = useToasts();
  const session = useSession();
  const id = useId();
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [written, setWritten] = useState<number | null>(null);

  const fail = useCallback((caught: unknown) => {
    if (!session.handleLocked(caught)) setError(errorText(caught));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  const reload = useCallback(async () => {
    try {
      const next = await getApi().backups.getSettings();
      setSettings(next);
      setBackups(next.folder ? await getApi().backups.list() : []);
    } catch (caught) {
      fail(caught);
    }
  }, [fail]);

  useEffect(() => { void reload(); }, [reload]);

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  }

  const runNow = () => act(async () => {
    // The backup runs in a worker; the backend says how far it is while the panel waits.
    const off = onBackendEvent('backup:progress', ({ bytesWritten }) => setWritten(bytesWritten));
    const result = await getApi().backups.run().finally(() => { off(); setWritten(null); });
    toasts.show(t('safety.backups.done', { fileName: result.backup.fileName }));
    await reload();
  });

  const restore = (backup: BackupInfo) => act(async () => {
    setRestoring(null);
    const result = await getApi().backups.restore({ fileName: backup.fileName });
    toasts.show(t('safety.backups.restored', { date: when(backup.createdAt, i18n.language) }), () => {
      void act(async () => {
        await getApi().backups.undoRestore({ setAside: result.setAside });
        await reload();
      });
    });
    await reload();
  });

  return (
    <div className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('safety.backups.title')}</h2>
      <p className="hint">{t('safety.backups.intro')}</p>
      {settings && (
        <div className="stack">
          <div className="field">
            <span className="field-label">{t('safety.backups.folder')}</span>
            <p className="mono path" data-testid="backup-folder">{settings.folder ?? t('safety.backups.noFolder')}</p>
            <div><button type="button" className="button button-secondary" disabled={busy} onClick={() => void act(async () => { setSettings(await getApi().backups.chooseFolder()); await reload(); })}>{t('safety.backups.chooseFolder')}</button></div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-keep`}>{t('safety.backups.keep')}</label>
            <input id={`${id}-keep`} className="narrow" type="number" min={1} max={365} value={settings.keep} aria-describedby={`${id}-keep-hint`}
              onChange={(event) => { const keep = Number(event.target.value); if (keep >= 1 && keep <= 365) void act(async () => setSettings(await getApi().backups.updateSettings({ keep }))); }} />
            <p className="hint" id={`${id}-keep-hint`}>{t('safety.backups.keepHint')}</p>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={settings.automatic} onChange={(event) => void act(async () => setSettings(await getApi().backups.updateSettings({ automatic: event.target.checked })))} />
            <span>{t('safety.backups.automatic')}</span>
          </label>
          <p role="status">{settings.lastBackupAt ? t('safety.backups.last', { date: when(settings.lastBackupAt, i18n.language) }) : t('safety.backups.never')}</p>
          <div>
            <button type="button" className="button button-primary" disabled={busy || !settings.folder} onClick={() => void runNow()} aria-busy={busy}>
              {busy ? t('safety.backups.running') : t('safety.backups.runNow')}
            </button>
            {written !== null && written > 0 && (
              <p className="hint" role="status">{t('safety.backups.progress', { megabytes: (written / 1_048_576).toFixed(1) })}</p>
            )}
          </div>
          <ErrorMessage message={error} />
          {settings.folder && (
            <>
              <h3>{t('safety.backups.list')}</h3>
              {backups.length === 0 ? <p className="subtle">{t('safety.backups.empty')}</p> : (
                <ul className="backup-list">
                  {backups.map((backup) => (
                    <li key={backup.fileName}>
                      <span>
                        <strong>{when(backup.createdAt, i18n.language)}</strong>{' '}
                        <span className="subtle">{t('safety.backups.summary', { students: backup.counts.students ?? 0, dialogues: backup.counts.dialogues ?? 0 })}</span>
                      </span>
                      <button type="button" className="button button-ghost" disabled={busy} onClick={() => setRestoring(backup)}
                        aria-label={`${t('safety.backups.restore')}: ${when(backup.createdAt, i18n.language)}`}>{t('safety.backups.restore')}</button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
      {restoring && (
        <ConfirmDialog title={t('safety.backups.restoreTitle')} body={t('safety.backups.restoreBody', { date: when(restoring.createdAt, i18n.language) })}
          confirmLabel={t('safety.backups.restore')} danger onConfirm={() => void restore(restoring)} onCancel={() => setRestoring(null)} />
      )}
    </div>
  );
}
