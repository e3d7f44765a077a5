import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backupDate, RestoreBackupForm, type RestoredBackup } from './RestoreBackupForm';
import { VaultFrame } from './VaultFrame';

/**
 * "Herstel een back-up" before any vault is open: on a new computer, or from the unlock screen.
 * After the restore it says what came back, and `onDone` goes on into the (unlocked) app.
 */
export function RestoreBackupScreen({ onBack, onDone }: { onBack(): void; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [restored, setRestored] = useState<RestoredBackup | null>(null);

  if (restored) {
    const { picked, setAside, reErased } = restored;
    return (
      <VaultFrame title={t('restore.doneTitle')}>
        <p className="lead" role="status">
          {t('restore.doneBody', { date: backupDate(picked.createdAt, i18n.language), students: picked.counts.students ?? 0, dialogues: picked.counts.dialogues ?? 0 })}
        </p>
        {reErased > 0 && <p>{t('restore.reErased', { count: reErased })}</p>}
        {setAside && <p className="hint">{t('restore.doneAside')}</p>}
        <button type="button" className="button button-primary" onClick={onDone} autoFocus>{t('restore.continue')}</button>
      </VaultFrame>
    );
  }

  return (
    <VaultFrame title={t('restore.title')}>
      <RestoreBackupForm onRestored={setRestored} />
      <button type="button" className="link-button" onClick={onBack}>{t('restore.back')}</button>
    </VaultFrame>
  );
}
