import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedBackup, PickedBackup, SetAsideCopy } from '../../../../shared/restoreSchemas';
import type { BackupInfo, BackupSettings } from '../../../../shared/safetySchemas';
import { getApi } from '../../api';
import { onBackendEvent } from '../../events';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useErrorText } from '../../components/useErrorText';
import { RestoreBackupForm, type RestoredBackup } from '../vault/RestoreBackupForm';
import { SetBySchool } from '../policy/SetBySchool';
import { isLocked, usePolicy } from '../policy/usePolicy';

const when = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/**
 * Where backups go, making one now, restoring one (with a way back), restoring a backup file
 * from elsewhere, and the one set-aside copy of the vault that a restore's undo needs.
 */
export function BackupPanel() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const toasts = useToasts();
  const session = useSession();
  const id = useId();
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [backups, setBackups] = useState<ListedBackup[]>([]);
  const [setAside, setSetAside] = useState<SetAsideCopy[]>([]);
  // The "from a file" form: closed, open to pick, or open with a backup from the list.
  const [fromFile, setFromFile] = useState<{ initial: PickedBackup | null } | null>(null);
  const [deleting, setDeleting] = useState<SetAsideCopy | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [written, setWritten] = useState<number | null>(null);
  const policy = usePolicy();
  const folderLocked = isLocked(policy, 'backupFolder');
  const keepLocked = isLocked(policy, 'backupKeepDays');
  const scheduleLocked = isLocked(policy, 'backupSchedule');

  const fail = useCallback((caught: unknown) => {
    if (!session.handleLocked(caught)) setError(errorText(caught));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  const reload = useCallback(async () => {
    try {
      const next = await getApi().backups.getSettings();
      setSettings(next);
      setBackups(next.folder ? await getApi().backups.list() : []);
      setSetAside(await getApi().backups.listSetAside());
    } catch (caught) {
      fail(caught);
    }
  }, [fail]);

  useEffect(() => { void reload(); }, [reload]);
  // A backup made elsewhere (the automatic one, the one right after a key renewal) shows up here.
  useEffect(() => onBackendEvent('backup:finished', () => void reload()), [reload]);

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

  /** Puts a set-aside vault back; another vault's copy comes back locked (its own passphrase opens it). */
  const undo = (name: string) => act(async () => {
    const { state } = await getApi().backups.undoRestore({ setAside: name });
    if (state === 'locked') {
      session.lock('manual');
      return;
    }
    toasts.show(t('restore.setAside.undone'));
    await reload();
  });

  const restore = (backup: BackupInfo) => act(async () => {
    setRestoring(null);
    const result = await getApi().backups.restore({ fileName: backup.fileName });
    const again = result.reErased > 0 ? ` ${t('restore.reErased', { count: result.reErased })}` : '';
    toasts.show(t('safety.backups.restored', { date: when(backup.createdAt, i18n.language) }) + again, () => void undo(result.setAside));
    await reload();
  });

  /** A backup the list cannot restore as it is: through the form, with the secret of its time. */
  const restoreWithSecret = (backup: ListedBackup) => act(async () => {
    const picked = await getApi().vault.pickBackup({ fileName: backup.fileName });
    setFromFile({ initial: picked });
  });

  const restoredFromFile = ({ picked, setAside: aside, reErased }: RestoredBackup) => {
    setFromFile(null);
    const again = reErased > 0 ? ` ${t('restore.reErased', { count: reErased })}` : '';
    toasts.show(t('restore.restored', { date: when(picked.createdAt, i18n.language) }) + again, aside ? () => void undo(aside) : undefined);
    void reload();
  };

  const removeSetAside = (copy: SetAsideCopy) => act(async () => {
    setDeleting(null);
    await getApi().backups.deleteSetAside({ setAside: copy.name });
    toasts.show(t('restore.setAside.deleted'));
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
            {folderLocked ? <SetBySchool id={`${id}-folder-school`} /> : (
              <div><button type="button" className="button button-secondary" disabled={busy} onClick={() => void act(async () => { setSettings(await getApi().backups.chooseFolder()); await reload(); })}>{t('safety.backups.chooseFolder')}</button></div>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-keep`}>{t('safety.backups.keep')}</label>
            <input id={`${id}-keep`} className="narrow" type="number" min={1} max={365} value={settings.keep} disabled={keepLocked}
              aria-describedby={keepLocked ? `${id}-keep-school ${id}-keep-hint` : `${id}-keep-hint`}
              onChange={(event) => { const keep = Number(event.target.value); if (keep >= 1 && keep <= 365) void act(async () => setSettings(await getApi().backups.updateSettings({ keep }))); }} />
            {keepLocked && <SetBySchool id={`${id}-keep-school`} />}
            <p className="hint" id={`${id}-keep-hint`}>{t('safety.backups.keepHint')}</p>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={settings.automatic} disabled={scheduleLocked} aria-describedby={scheduleLocked ? `${id}-schedule-school` : undefined} onChange={(event) => void act(async () => setSettings(await getApi().backups.updateSettings({ automatic: event.target.checked })))} />
            <span>{t('safety.backups.automatic')}</span>
          </label>
          {scheduleLocked && <SetBySchool id={`${id}-schedule-school`} />}
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
                        {/* A backup that cannot be restored as it is says why, and offers the way that works. */}
                        {backup.status !== 'restorable' && <><br /><span className="hint">{backup.status === 'otherVault' ? t('restore.statusOtherVault') : t('restore.statusNeedsOlderSecret')}</span></>}
                      </span>
                      {backup.status === 'restorable' ? (
                        <button type="button" className="button button-ghost" disabled={busy} onClick={() => setRestoring(backup)}
                          aria-label={`${t('safety.backups.restore')}: ${when(backup.createdAt, i18n.language)}`}>{t('safety.backups.restore')}</button>
                      ) : (
                        <button type="button" className="button button-ghost" disabled={busy} onClick={() => void restoreWithSecret(backup)}
                          aria-label={`${t('restore.restoreWithSecret')}: ${when(backup.createdAt, i18n.language)}`}>{t('restore.restoreWithSecret')}</button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <h3>{t('restore.fromFile')}</h3>
          <p className="hint">{t('restore.fromFileHint')}</p>
          {fromFile ? (
            <div className="stack">
              <RestoreBackupForm key={fromFile.initial?.token ?? 'pick'} initial={fromFile.initial} onRestored={restoredFromFile}
                onError={(caught) => session.handleLocked(caught)} />
              <div><button type="button" className="link-button" onClick={() => setFromFile(null)}>{t('common.cancel')}</button></div>
            </div>
          ) : (
            <div><button type="button" className="button button-secondary" disabled={busy} onClick={() => setFromFile({ initial: null })}>{t('restore.fromFile')}</button></div>
          )}
          <h3>{t('restore.setAside.title')}</h3>
          <p className="hint">{t('restore.setAside.intro')}</p>
          {setAside.length === 0 ? <p className="subtle">{t('restore.setAside.none')}</p> : (
            <ul className="backup-list" data-testid="set-aside-list">
              {setAside.map((copy) => (
                <li key={copy.name}>
                  <span>
                    <strong>{t('restore.setAside.item', { date: when(copy.createdAt, i18n.language), megabytes: (copy.sizeBytes / 1_048_576).toFixed(1) })}</strong>
                    {copy.undo === 'locks' && <><br /><span className="hint">{t('restore.setAside.undoLocks')}</span></>}
                  </span>
                  <span className="row">
                    <button type="button" className="button button-ghost" disabled={busy} onClick={() => void undo(copy.name)}>{t('restore.setAside.undo')}</button>
                    <button type="button" className="button button-ghost" disabled={busy} onClick={() => setDeleting(copy)}>{t('restore.setAside.delete')}</button>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={t('restore.setAside.deleteTitle')} body={t('restore.setAside.deleteBody')}
          confirmLabel={t('restore.setAside.delete')} danger onConfirm={() => void removeSetAside(deleting)} onCancel={() => setDeleting(null)} />
      )}
      {restoring && (
        <ConfirmDialog title={t('safety.backups.restoreTitle')} body={t('safety.backups.restoreBody', { date: when(restoring.createdAt, i18n.language) })}
          confirmLabel={t('safety.backups.restore')} danger onConfirm={() => void restore(restoring)} onCancel={() => setRestoring(null)} />
      )}
    </div>
  );
}
