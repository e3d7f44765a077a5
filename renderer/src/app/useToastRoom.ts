import { useEffect } from 'react';

/**
 * Keeps `--toast-room` on the root at the height the toasts take at the bottom of the window
 * (0 px while there are none). The page's scroll padding uses it (features.css), so a control
 * that Tab reaches near the bottom is brought into view above the toasts instead of under them:
 * at 200 % an export's toast, with its path and actions, is a quarter of the window. When the
 * stack has moved to the top (toastPlacement.ts, data-place) it needs no room at the bottom.
 */
export function useToastRoom(): void {
  useEffect(() => {
    const region = document.querySelector<HTMLElement>('.toasts');
    if (!region || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const update = () => {
      const box = region.getBoundingClientRect();
      const atBottom = !region.dataset.place?.startsWith('top') && box.bottom > window.innerHeight / 2;
      root.style.setProperty('--toast-room', `${box.height > 0 && atBottom ? Math.ceil(window.innerHeight - box.top) : 0}px`);
    };
    // Its size changes with each toast; its place (a corner) through its style and data-place.
    const resized = new ResizeObserver(update);
    resized.observe(region);
    const moved = new MutationObserver(update);
    moved.observe(region, { attributes: true, attributeFilter: ['style', 'data-place'] });
    update();
    return () => {
      resized.disconnect();
      moved.disconnect();
      root.style.removeProperty('--toast-room');
    };
  }, []);
}
