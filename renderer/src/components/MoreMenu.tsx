import { type ReactNode, useRef } from 'react';

/**
 * A "Meer" menu on a native <details>: it opens with Enter or a click on its summary. It also
 * closes when an item is chosen, on Escape (focus back on the summary) and when focus or a click
 * goes elsewhere. Left open, its items were drawn over the dialog the item had just opened and
 * over the buttons beside it.
 */
export function MoreMenu({ label, children }: { label: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = (focusSummary: boolean) => {
    const details = ref.current;
    if (!details?.open) return;
    details.open = false;
    if (focusSummary) details.querySelector('summary')?.focus();
  };
  return (
    <details
      ref={ref}
      className="more-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && ref.current?.open) {
          event.stopPropagation();
          close(true);
        }
      }}
      onBlur={(event) => {
        if (!ref.current?.contains(event.relatedTarget as Node | null)) close(false);
      }}
    >
      <summary className="button button-ghost">{label}</summary>
      {/* Closing on click runs before the item's own handler opens its dialog, so the dialog remembers the summary, not a vanished item, to give focus back to. */}
      <div className="more-items" onClickCapture={() => close(true)}>
        {children}
      </div>
    </details>
  );
}
