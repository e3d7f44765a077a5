import * as Toast from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A toast's one action: Undo by default ('Ongedaan maken'), or a labelled one ('Openen', 'Toon in map'). */
export type ToastAction = (() => void) | { label: string; run(): void };
interface Item { id: number; text: string; action?: { label: string; run(): void } | undefined }
interface ToastApi { show(text: string, action?: ToastAction): void }

const ToastContext = createContext<ToastApi>({ show: () => undefined });
/** Long enough to read a sentence with a file name; Radix pauses it while hovered or focused. */
const TOAST_MS = 6000;
/** More than three at once would climb over the screen; the oldest goes first. */
const MAX_TOASTS = 3;

export function useToasts(): ToastApi {
  return useContext(ToastContext);
}

/**
 * Short confirmations with an optional action (Undo by default), on Radix Toast: they never take
 * focus, go after six seconds unless the pointer or focus is on them (Radix pauses the timer
 * then), close with Escape or their × and are reached with F8. At most three: a fourth pushes
 * the oldest out. They sit at the bottom left of the screen beside the sidebar (app.css), away
 * from the header's and the dialogs' buttons on the right, which are the controls just used.
 *
 * Announcing: Radix would copy each toast's text into a hidden live region of its own, so every
 * sentence would be in the page twice for a second. Instead the toast list itself is the polite
 * live region (as it was before Radix), and the toast content is excluded from Radix's copy.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Item[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  // The API stays the same object for the app's life (screens keep it in effect deps); the label is read when shown.
  const undoLabel = useRef(t('common.undo'));
  undoLabel.current = t('common.undo');
  const api = useMemo<ToastApi>(() => ({
    show(text, action) {
      const id = next.current++;
      const labelled = typeof action === 'function' ? { label: undoLabel.current, run: action } : action;
      setToasts((all) => [...all.slice(-(MAX_TOASTS - 1)), { id, text, action: labelled }]);
    },
  }), []);
  return (
    <ToastContext.Provider value={api}>
      <Toast.Provider duration={TOAST_MS} label={t('toasts.label')} swipeDirection="right">
        {children}
        {toasts.map((toast) => (
          <Toast.Root key={toast.id} type="background" className="toast" onOpenChange={(open) => { if (!open) dismiss(toast.id); }}>
            {/* data-radix-toast-announce-exclude: Radix's own marker (its ToastAnnounceExclude is not exported). */}
            <div className="toast-content" data-radix-toast-announce-exclude="">
              <Toast.Description asChild><span className="toast-text">{toast.text}</span></Toast.Description>
              {toast.action && (
                <Toast.Action altText={toast.action.label} asChild>
                  <button type="button" className="link-button" onClick={() => toast.action?.run()}>{toast.action.label}</button>
                </Toast.Action>
              )}
              <Toast.Close className="icon-button" aria-label={t('common.close')}>×</Toast.Close>
            </div>
          </Toast.Root>
        ))}
        <Toast.Viewport className="toasts" label={t('toasts.region')} aria-live="polite" aria-relevant="additions text" />
      </Toast.Provider>
    </ToastContext.Provider>
  );
}
