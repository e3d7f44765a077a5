import * as Toast from '@radix-ui/react-toast';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useToastPlacement } from './toastPlacement';

/**
 * A toast's action: Undo ('Ongedaan maken') when just a function, or a labelled one. Undo closes
 * the toast (what it offered is done); `keepOpen` actions leave it, so "Openen" and then
 * "Toon in map" can both be used on one export.
 */
export type ToastAction = (() => void) | LabelledAction;
export interface LabelledAction { label: string; run(): void; keepOpen?: boolean }
interface Item { id: number; text: string; actions: LabelledAction[] }
interface ToastApi { show(text: string, action?: ToastAction | readonly ToastAction[]): void }

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
 * from the header's and the dialogs' buttons on the right, which are the controls just used;
 * when that corner holds the control just used or the focus (200 % zoom, a form's button that
 * Tab scrolled to the bottom edge), another corner (toastPlacement.ts).
 *
 * Announcing: Radix would copy each toast's text into a hidden live region of its own, so every
 * sentence would be in the page twice for a second. Instead the toast list itself is the polite
 * live region (as it was before Radix), and the toast content is excluded from Radix's copy.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Item[]>([]);
  const next = useRef(1);
  const viewport = useRef<HTMLOListElement>(null);
  useToastPlacement(viewport, toasts.at(-1)?.id ?? 0);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  // The API stays the same object for the app's life (screens keep it in effect deps); the label is read when shown.
  const undoLabel = useRef(t('common.undo'));
  undoLabel.current = t('common.undo');
  const api = useMemo<ToastApi>(() => ({
    show(text, action) {
      const id = next.current++;
      const list: readonly ToastAction[] = action === undefined ? [] : Array.isArray(action) ? action : [action as ToastAction];
      const actions = list.map((one) => (typeof one === 'function' ? { label: undoLabel.current, run: one } : one));
      setToasts((all) => [...all.slice(-(MAX_TOASTS - 1)), { id, text, actions }]);
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
              {toast.actions.length > 0 && (
                <span className="toast-actions">
                  {toast.actions.map((action) => (action.keepOpen ? (
                    // Not a Radix Action, which closes its toast on click.
                    <button key={action.label} type="button" className="link-button" onClick={() => action.run()}>{action.label}</button>
                  ) : (
                    <Toast.Action key={action.label} altText={action.label} asChild>
                      <button type="button" className="link-button" onClick={() => action.run()}>{action.label}</button>
                    </Toast.Action>
                  )))}
                </span>
              )}
              <Toast.Close className="icon-button" aria-label={t('common.close')}>×</Toast.Close>
            </div>
          </Toast.Root>
        ))}
        <Toast.Viewport ref={viewport} className="toasts" label={t('toasts.region')} aria-live="polite" aria-relevant="additions text" />
      </Toast.Provider>
    </ToastContext.Provider>
  );
}
