import * as Dialog from '@radix-ui/react-dialog';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import '../../styles/features.css';

interface Props {
  title: string;
  /** What will happen; read out as the dialog's description. */
  description: ReactNode;
  /** Controls the question needs (a choice of target), after the description. */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  destructive?: boolean;
  confirmDisabled?: boolean;
  onClose(): void;
  /** A thrown error is shown in the dialog, which stays open. */
  onConfirm(): Promise<void> | void;
  errorText?(error: unknown): string;
}

/** A question before something that cannot be taken back. Cancel comes first, so it takes the focus. */
export function ConfirmDialog({ title, description, children, confirmLabel, cancelLabel, destructive, confirmDisabled, onClose, onConfirm, errorText }: Props) {
  const { t } = useTranslation();
  const bodyId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(errorText ? errorText(caught) : t('errors.INTERNAL'));
      setBusy(false);
    }
  }

  return (
    <Dialog.Root open onOpenChange={(open) => { if (!open) onClose(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-narrow" aria-describedby={bodyId}>
          <Dialog.Title>{title}</Dialog.Title>
          {children}
          <div id={bodyId} className="confirm-body" aria-live="polite">{description}</div>
          <ErrorMessage message={error} />
          <div className="dialog-actions">
            <Dialog.Close asChild>
              <button type="button" className="button button-secondary">{cancelLabel ?? t('common.cancel')}</button>
            </Dialog.Close>
            <button type="button" className={destructive ? 'button button-danger' : 'button button-primary'} disabled={busy || confirmDisabled}
              onClick={() => void confirm()}>
              {confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
