import * as Dialog from '@radix-ui/react-dialog';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useToasts } from '../../components/Toasts';
import { useDialogAction } from '../../components/useDialogAction';

/** Erasure is final, so the mentor types the student's name before the button works. */
export function EraseStudentDialog({ studentId, name, onDone, onCancel }: { studentId: string; name: string; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const id = useId();
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useDialogAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await getApi().erasure.erase({ studentId, confirmName: typed });
      toasts.show(t('safety.erase.done'));
      onDone();
    });
  }

  return (
    <Dialog.Root open onOpenChange={(open) => { if (!open) onCancel(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role="alertdialog" aria-describedby={`${id}-body`}>
          <Dialog.Title>{t('safety.erase.title', { name })}</Dialog.Title>
          <p id={`${id}-body`}>{t('safety.erase.body')}</p>
          <form onSubmit={submit} className="stack" noValidate>
            <div className="field">
              <label htmlFor={`${id}-name`}>{t('safety.erase.confirmLabel')}</label>
              <input id={`${id}-name`} value={typed} autoComplete="off" onChange={(event) => setTyped(event.target.value)} autoFocus />
            </div>
            <ErrorMessage message={error} />
            <div className="dialog-actions">
              <Dialog.Close asChild><button type="button" className="button button-secondary">{t('common.cancel')}</button></Dialog.Close>
              <button type="submit" className="button button-danger" disabled={busy || typed.trim() !== name.trim()}>{t('safety.erase.confirm')}</button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
