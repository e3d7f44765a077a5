import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Toast { id: number; text: string; undo?: () => void }
interface ToastApi { show(text: string, undo?: () => void): void }

const ToastContext = createContext<ToastApi>({ show: () => undefined });
const TOAST_MS = 6000;

export function useToasts(): ToastApi {
  return useContext(ToastContext);
}

/** Short confirmations with an optional Undo, announced politely to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const api = useMemo<ToastApi>(() => ({
    show(text, undo) {
      const id = next.current++;
      setToasts((all) => [...all.slice(-2), { id, text, undo }]);
      window.setTimeout(() => dismiss(id), TOAST_MS);
    },
  }), [dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div className="toast" key={toast.id}>
            <span>{toast.text}</span>
            {toast.undo && (
              <button type="button" className="link-button" onClick={() => { toast.undo?.(); dismiss(toast.id); }}>
                {t('common.undo')}
              </button>
            )}
            <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => dismiss(toast.id)}>×</button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
