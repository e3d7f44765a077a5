import * as Dialog from '@radix-ui/react-dialog';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A yes/no question in an accessible modal; Cancel has focus first, so Enter never destroys. */
export function ConfirmDialog({ title, body, confirmLabel, danger, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <Dialog.Root open onOpenChange={(open) => { if (!open) onCancel(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" role="alertdialog" aria-describedby="confirm-body">
          <Dialog.Title>{title}</Dialog.Title>
          <p id="confirm-body">{body}</p>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={onCancel} autoFocus>{t('common.cancel')}</button>
            <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={onConfirm}>{confirmLabel}</button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
