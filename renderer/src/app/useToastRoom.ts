import { useEffect } from 'react';

/**
 * Keeps `--toast-room` on the root at the height the toasts take at the bottom of the window
 * (0 px while there are none). The page's scroll padding uses it (features.css), so a control
 * that Tab reaches near the bottom is brought into view above the toasts instead of under them:
 * at 200 % an export's toast, with its path and actions, is a quarter of the window.
 */
export function useToastRoom(): void {
  useEffect(() => {
    const region = document.querySelector<HTMLElement>('.toasts');
    if (!region || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const update = () => {
      const box = region.getBoundingClientRect();
      root.style.setProperty('--toast-room', `${box.height > 0 ? Math.ceil(window.innerHeight - box.top) : 0}px`);
    };
    const observer = new ResizeObserver(update);
    observer.observe(region);
    update();
    return () => {
      observer.disconnect();
      root.style.removeProperty('--toast-room');
    };
  }, []);
}
