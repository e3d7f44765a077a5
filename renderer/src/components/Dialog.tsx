import * as RadixDialog from '@radix-ui/react-dialog';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ErrorMessage } from './ErrorMessage';

/*
 * The app's one dialog kit. Radix gives the focus trap, Escape, aria-modal and the inert page
 * behind; this file adds what Radix leaves to the app:
 *
 * - Focus on open goes to the dialog's first field (a checked radio over the first of its group),
 *   or to its first button when it has no field. For a question (ConfirmDialog) without a field
 *   that button is Cancel, so Enter never destroys.
 * - Focus on close goes back to what had it when the dialog opened. Radix returns focus only to a
 *   Dialog.Trigger, and our dialogs are opened by ordinary buttons, menus and shortcuts; without
 *   this, focus fell to the top of the page after every dialog.
 * - One layout: title and description on top, a body that scrolls inside itself when the dialog
 *   is taller than the window (a laptop at 200 % zoom is 384 CSS px high), and the error and
 *   buttons in a footer that always stays in view.
 *
 * A dialog is open while it is mounted: screens render it conditionally, which also gives each
 * opening fresh state.
 */

const FIELD = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';
const TABBABLE = `${FIELD}, button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])`;

function visible(element: HTMLElement): boolean {
  return element.getClientRects().length > 0;
}

/** The first field of the body; for a radio group its checked radio, as the arrow keys expect. */
function firstField(content: HTMLElement): HTMLElement | null {
  const body = content.querySelector<HTMLElement>('.dialog-body') ?? content;
  const field = Array.from(body.querySelectorAll<HTMLElement>(FIELD)).find(visible) ?? null;
  if (field instanceof HTMLInputElement && field.type === 'radio' && field.name) {
    const checked = body.querySelector<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(field.name)}"]:checked`);
    if (checked && !checked.disabled) return checked;
  }
  return field;
}

export function focusOnOpen(event: Event, fallback: () => HTMLElement | null) {
  const content = event.currentTarget as HTMLElement | null;
  if (!content) return;
  event.preventDefault();
  const target = content.querySelector<HTMLElement>('[data-autofocus]') ?? firstField(content) ?? fallback()
    ?? Array.from(content.querySelectorAll<HTMLElement>(TABBABLE)).find(visible) ?? content;
  target.focus({ preventScroll: false });
}

/**
 * Remembers what had focus when the dialog mounted (the button, menu item or editor that opened
 * it) and gives it focus back on close. When that element is gone (the row was archived, the
 * button replaced by the saved state), focus goes to `instead` (where the next step is: the export
 * button once "Definitief maken" is gone), or else to the screen's content instead of the page.
 */
export function useReturnFocus(instead?: () => HTMLElement | null): (event: Event) => void {
  const [opener] = useState(() => (typeof document === 'undefined' ? null : document.activeElement as HTMLElement | null));
  return (event: Event) => {
    event.preventDefault();
    const target = opener && opener.isConnected && opener !== document.body ? opener : instead?.() ?? document.getElementById('main');
    target?.focus({ preventScroll: true });
  };
}

export type DialogSize = 'narrow' | 'wide';

export interface FrameProps {
  title: ReactNode;
  /** A short text under the title, read out as the dialog's description. */
  description?: ReactNode;
  /** The id of a description inside the body, when the body's own text describes the dialog. */
  describedBy?: string;
  size?: DialogSize;
  /** Classes for the scrolling body (for a grid form, say). */
  bodyClassName?: string;
  /** The translated error of the dialog's action, shown beside its buttons. */
  error?: string | null;
  /** The buttons, in reading order; the main action last. */
  actions: ReactNode;
  /** When given, the body and buttons are one form: Enter in a field submits. */
  onSubmit?(event: FormEvent<HTMLFormElement>): void;
  children?: ReactNode;
}

export function frameClass(size: DialogSize | undefined): string {
  return size ? `dialog dialog-${size}` : 'dialog';
}

export function DialogBody({ bodyClassName, error, actions, onSubmit, children }: Pick<FrameProps, 'bodyClassName' | 'error' | 'actions' | 'onSubmit' | 'children'>) {
  const inner = (
    <>
      <div className={bodyClassName ? `dialog-body ${bodyClassName}` : 'dialog-body'}>{children}</div>
      <div className="dialog-footer">
        <ErrorMessage message={error ?? null} />
        <div className="dialog-actions">{actions}</div>
      </div>
    </>
  );
  if (!onSubmit) return inner;
  return (
    <form className="dialog-form" noValidate onSubmit={(event) => { event.preventDefault(); onSubmit(event); }}>
      {inner}
    </form>
  );
}

export interface DialogProps extends FrameProps {
  /** Escape, the close button of a footer (DialogClose) and a click beside the dialog end here. */
  onClose(): void;
}

/** A modal dialog with a form or content; see the top of this file for what it takes care of. */
export function Dialog({ title, description, describedBy, size, onClose, ...body }: DialogProps) {
  const descriptionId = useId();
  const returnFocus = useReturnFocus();
  return (
    <RadixDialog.Root open onOpenChange={(open) => { if (!open) onClose(); }}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay">
          <RadixDialog.Content
            className={frameClass(size)}
            aria-describedby={describedBy ?? (description ? descriptionId : undefined)}
            onOpenAutoFocus={(event) => focusOnOpen(event, () => null)}
            onCloseAutoFocus={returnFocus}
          >
            <div className="dialog-header">
              <RadixDialog.Title>{title}</RadixDialog.Title>
              {description && <RadixDialog.Description asChild><div id={descriptionId} className="hint dialog-description">{description}</div></RadixDialog.Description>}
            </div>
            <DialogBody {...body} />
          </RadixDialog.Content>
        </RadixDialog.Overlay>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** A button that closes the surrounding Dialog (its Cancel or Close). */
export function DialogClose({ children, className = 'button button-secondary' }: { children: ReactNode; className?: string }) {
  return <RadixDialog.Close asChild><button type="button" className={className}>{children}</button></RadixDialog.Close>;
}
