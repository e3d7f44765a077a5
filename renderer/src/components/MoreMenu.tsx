import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { createContext, type ReactNode, useContext, useRef, useState } from 'react';

/** Hands a chosen item's action to the menu, which runs it once focus is back on its button. */
const ChosenContext = createContext<(action: () => void) => void>((action) => action());

/**
 * A "Meer" menu on Radix DropdownMenu: a real menu button (aria-haspopup, aria-expanded) whose
 * items are reached with the arrow keys, Home/End and typeahead. It closes when an item is
 * chosen, on Escape, on a click elsewhere and on Tab (tabbing away), and gives focus back to
 * its button each time. A chosen item's action runs only after that (Radix moves the focus a
 * tick after the menu closes), so a dialog it opens remembers the button, not a vanished item,
 * to give focus back to.
 */
export function MoreMenu({ label, children, triggerClassName = 'button button-ghost more-trigger' }: { label: ReactNode; children: ReactNode; triggerClassName?: string }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const pending = useRef<(() => void) | null>(null);
  return (
    <DropdownMenu.Root open={open} onOpenChange={setOpen} modal={false}>
      <DropdownMenu.Trigger ref={trigger} className={triggerClassName}>{label} <span aria-hidden="true">▾</span></DropdownMenu.Trigger>
      {/* Into the page's <main>: axe's 'region' rule wants every content in a landmark, and a menu
          portalled to <body> is not (dialogs are exempt as dialogs). Fixed positioning keeps it
          where Radix places it; main makes no stacking context, so --z-menu still applies. */}
      <DropdownMenu.Portal container={document.getElementById('main')}>
        <DropdownMenu.Content
          className="more-menu-content"
          align="end"
          sideOffset={4}
          collisionPadding={8}
          onKeyDown={(event) => {
            if (event.key === 'Tab') {
              event.preventDefault();
              setOpen(false);
            }
          }}
          onCloseAutoFocus={(event) => {
            const action = pending.current;
            pending.current = null;
            if (!action) return;
            event.preventDefault();
            trigger.current?.focus();
            action();
          }}
        >
          <ChosenContext.Provider value={(action) => { pending.current = action; }}>
            {children}
          </ChosenContext.Provider>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/**
 * One item of a MoreMenu; `onSelect` runs on click, Enter and Space, after the menu closed.
 * `current` marks the item of the screen that is open (a section in the top bar's menu).
 */
export function MoreMenuItem({ onSelect, danger, current, children }: { onSelect(): void; danger?: boolean; current?: boolean; children: ReactNode }) {
  const choose = useContext(ChosenContext);
  return (
    <DropdownMenu.Item className={danger ? 'button button-ghost more-item danger-text' : 'button button-ghost more-item'} aria-current={current ? 'page' : undefined}
      onSelect={() => choose(onSelect)}>
      {children}
    </DropdownMenu.Item>
  );
}
