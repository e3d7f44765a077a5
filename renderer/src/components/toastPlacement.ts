import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Where the toast stack may sit, in order of preference. Bottom left (beside the sidebar, the
 * stylesheet's place) is away from the header's and the dialogs' buttons; but at 200 % zoom, or
 * after Tab scrolled a form's button to the bottom edge, that corner can hold the very control
 * just used. Then the stack moves to the first corner that covers neither it nor the focus.
 */
export const PLACEMENTS = ['bottom-left', 'bottom-right', 'top-left', 'top-right'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface Rect { left: number; top: number; right: number; bottom: number }

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The placement to use: the current one while it covers nothing to avoid (no jumping about as
 * focus moves), else the first free one in PLACEMENTS, else the stylesheet's (nothing is free:
 * a focused element as large as the window).
 */
export function choosePlacement(current: Placement, boxAt: (placement: Placement) => Rect, avoid: readonly Rect[]): Placement {
  const free = (placement: Placement) => !avoid.some((rect) => overlaps(boxAt(placement), rect));
  if (free(current)) return current;
  return PLACEMENTS.find(free) ?? 'bottom-left';
}

/** Inline, so it wins over the stylesheet's per-layout offsets; the gap matches app.css's 1rem. */
function apply(element: HTMLElement, placement: Placement): void {
  const [vertical, horizontal] = placement.split('-') as ['top' | 'bottom', 'left' | 'right'];
  const set = (property: string, value: string | null) => (value === null ? element.style.removeProperty(property) : element.style.setProperty(property, value));
  // Bottom left is the stylesheet's own place (with its sidebar offsets): no inline style at all.
  // Below the one-row top bar of a narrow window (200 %), never over its navigation and lock button.
  const barBottom = document.querySelector('.top-bar')?.getBoundingClientRect().bottom ?? 0;
  set('top', vertical === 'top' ? `calc(${Math.max(0, Math.round(barBottom))}px + 0.75rem)` : null);
  set('bottom', vertical === 'top' ? 'auto' : null);
  set('left', horizontal === 'right' ? 'auto' : null);
  set('right', horizontal === 'right' ? '1rem' : null);
  element.dataset.place = placement;
}

const rectOf = (element: Element): Rect => {
  const { left, top, right, bottom } = element.getBoundingClientRect();
  return { left, top, right, bottom };
};

/**
 * Keeps the toast stack off the control just used (the last one pressed or clicked, where it
 * was drawn then) and off the focused element, whenever a toast comes, focus moves, the page
 * scrolls or the window changes size. Measures each corner by putting the stack there (a few
 * layouts of one small list, only while toasts are showing). `latest` is the newest toast's id
 * (0: none showing).
 */
export function useToastPlacement(viewport: RefObject<HTMLElement | null>, latest: number): void {
  // Listened to all the time: the press that raises a toast comes before the toast.
  const used = useRef<Rect | null>(null);
  useEffect(() => {
    const remember = (event: Event) => {
      const target = event.target instanceof Element ? event.target.closest('button, a, input, select, textarea, [role="menuitem"]') : null;
      if (target && !viewport.current?.contains(target)) used.current = rectOf(target);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') remember(event);
    };
    document.addEventListener('pointerdown', remember, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', remember, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [viewport]);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    if (!latest) {
      apply(element, 'bottom-left');
      return;
    }
    let frame = 0;
    const place = () => {
      frame = 0;
      const focused = document.activeElement;
      const avoid: Rect[] = used.current ? [used.current] : [];
      const bar = document.querySelector('.top-bar');
      if (bar) avoid.push(rectOf(bar));
      // The toasts' own buttons (F8) are not something to move away from.
      if (focused && focused !== document.body && !element.contains(focused)) avoid.push(rectOf(focused));
      const current = (element.dataset.place as Placement | undefined) ?? 'bottom-left';
      const chosen = choosePlacement(current, (placement) => {
        apply(element, placement);
        return rectOf(element);
      }, avoid);
      apply(element, chosen);
    };
    const later = () => {
      frame ||= requestAnimationFrame(place);
    };
    place();
    document.addEventListener('focusin', later);
    document.addEventListener('scroll', later, { capture: true, passive: true });
    window.addEventListener('resize', later);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      document.removeEventListener('focusin', later);
      document.removeEventListener('scroll', later, { capture: true });
      window.removeEventListener('resize', later);
    };
  }, [viewport, latest]);
}
