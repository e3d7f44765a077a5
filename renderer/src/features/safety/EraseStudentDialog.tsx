import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToasts } from '../../components/Toasts';

/** Erasure is final, so the mentor types the student's name before the button works. */
export function EraseStudentDialog({ studentId, name, onDone, onCancel }: { studentId: string; name: string; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const id = useId();
  const [typed, setTyped] = useState('');

  return (
    <ConfirmDialog
      title={t('safety.erase.title', { name })}
      description={<p>{t('safety.erase.body')}</p>}
      confirmLabel={t('safety.erase.confirm')}
      destructive
      confirmDisabled={typed.trim() !== name.trim()}
      onClose={onCancel}
      onConfirm={async () => {
        await getApi().erasure.erase({ studentId, confirmName: typed });
        toasts.show(t('safety.erase.done'));
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
