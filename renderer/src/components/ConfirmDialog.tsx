import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { type ReactNode, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogBody, type DialogSize, focusOnOpen, frameClass, useReturnFocus } from './Dialog';
import { useDialogAction } from './useDialogAction';

interface Props {
  title: string;
  /** What will happen; read out as the question's description. */
  description?: ReactNode;
  /** Older name of `description` (still used by the backup panel). */
  body?: ReactNode;
  /** Fields the question needs (the name to type, a merge target), after the description. */
  children?: ReactNode;
  /** Fields above the description, for a description that follows from them (a merge's target). */
  fieldsFirst?: boolean;
  confirmLabel: string;
  cancelLabel?: string;
  destructive?: boolean;
  /** Older name of `destructive`. */
  danger?: boolean;
  confirmDisabled?: boolean;
  size?: DialogSize;
  /** Runs in the dialog: busy meanwhile, a thrown error is shown in it and it stays open. */
  onConfirm(): Promise<void> | void;
  /** Cancel, Escape, and (unless the caller closes it itself) a confirm that succeeded. */
  onClose?(): void;
  /** Older name of `onClose`. */
  onCancel?(): void;
  /** Says an error in the screen's own words; translated by its code otherwise. */
  errorText?(error: unknown): string;
  /** Where focus goes on close when the button that opened the question is gone (the next step). */
  focusWhenOpenerGone?(): HTMLElement | null;
}

/**
 * A question before something that matters (finalise, delete, merge, erase, restore), as a Radix
 * alert dialog: a click beside it does not dismiss it, Escape and Cancel do. Without fields,
 * Cancel has the focus first, so Enter never destroys; with a field, the field has it. The
 * confirm runs through useDialogAction; whoever renders the question decides whether success
 * closes it (the caller unmounts it) or `onClose` is called for them.
 */
export function ConfirmDialog({
  title, description, body, children, fieldsFirst, confirmLabel, cancelLabel, destructive, danger, confirmDisabled, size = 'narrow',
  onConfirm, onClose, onCancel, errorText, focusWhenOpenerGone,
}: Props) {
  const { t } = useTranslation();
  const descriptionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useReturnFocus(focusWhenOpenerGone);
  const close = () => (onClose ?? onCancel)?.();
  const action = useDialogAction({ errorText });
  const text = description ?? body;
  const confirm = () => {
    if (confirmDisabled) return;
    void action.run(onConfirm);
  };

  return (
    <AlertDialog.Root open onOpenChange={(open) => { if (!open) close(); }}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay">
          <AlertDialog.Content
            className={frameClass(size)}
            aria-describedby={text ? descriptionId : undefined}
            onOpenAutoFocus={(event) => focusOnOpen(event, () => cancelRef.current)}
            onCloseAutoFocus={returnFocus}
          >
            <div className="dialog-header">
              <AlertDialog.Title>{title}</AlertDialog.Title>
            </div>
            <DialogBody
              error={action.error}
              onSubmit={children ? confirm : undefined}
              actions={(
                <>
                  <AlertDialog.Cancel asChild>
                    <button type="button" ref={cancelRef} className="button button-secondary">{cancelLabel ?? t('common.cancel')}</button>
                  </AlertDialog.Cancel>
                  <button type={children ? 'submit' : 'button'} className={destructive || danger ? 'button button-danger' : 'button button-primary'}
                    disabled={action.busy || confirmDisabled} onClick={children ? undefined : confirm}>
                    {confirmLabel}
                  </button>
                </>
              )}
            >
              {fieldsFirst && children}
              {/* Polite: the description of a merge changes with the chosen target. */}
              {text && <AlertDialog.Description asChild><div id={descriptionId} className="confirm-body" aria-live="polite">{text}</div></AlertDialog.Description>}
              {!fieldsFirst && children}
            </DialogBody>
          </AlertDialog.Content>
        </AlertDialog.Overlay>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
