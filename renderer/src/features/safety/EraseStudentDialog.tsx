import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToasts } from '../../components/Toasts';

/**
 * Erasure is final, so the mentor types the student's name before the button works. It says what
 * else the erasure reaches (backups in the folder, set-aside copies) and what it cannot (copies
 * elsewhere), because an older backup would otherwise bring the student back (issue 14).
 */
export function EraseStudentDialog({ studentId, name, onDone, onCancel }: { studentId: string; name: string; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const id = useId();
  const [typed, setTyped] = useState('');
  // Whether a backup folder is set decides what the confirmation can promise; unknown says the least.
  const [hasFolder, setHasFolder] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    getApi().backups.getSettings().then((settings) => { if (live) setHasFolder(settings.folder !== null); }, () => { if (live) setHasFolder(false); });
    return () => { live = false; };
  }, []);

  return (
    <ConfirmDialog
      title={t('safety.erase.title', { name })}
      description={<><p>{t('safety.erase.body')}</p><p>{t(hasFolder ? 'safety.erase.bodyBackups' : 'safety.erase.bodyNoFolder')}</p></>}
      confirmLabel={t('safety.erase.confirm')}
      destructive
      confirmDisabled={typed.trim() !== name.trim()}
      onClose={onCancel}
      onConfirm={async () => {
        const result = await getApi().erasure.erase({ studentId, confirmName: typed });
        toasts.show(result.backup ? t('safety.erase.doneBackups', { count: result.removedBackups })
          : result.backupError === 'BACKUP_FOLDER_UNSET' ? t('safety.erase.doneNoFolder') : t('safety.erase.doneBackupFailed'));
        onDone();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('safety.erase.confirmLabel')}</label>
        <input id={`${id}-name`} value={typed} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
      </div>
    </ConfirmDialog>
  );
}
