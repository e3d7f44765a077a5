import type { Shell } from './Shell';

export type ShellComponent = typeof Shell;

let loading: Promise<ShellComponent> | null = null;

/**
 * The unlocked app (every screen, the editor, charts, search) is its own chunk, about five times
 * the size of the screens before the vault is open; the unlock screen must not wait for it.
 * One shared promise: the prefetch and the unlock that needs it wait for the same download.
 */
export function loadShell(): Promise<ShellComponent> {
  loading ??= import('./Shell').then(
    (chunk) => chunk.Shell,
    (error: unknown) => {
      loading = null; // a later unlock may try again
      throw error;
    },
  );
  return loading;
}

/**
 * Starts the download once the unlock (or first-run) screen has been drawn and the browser is
 * idle, so the mentor's first keystroke is not queued behind it and unlocking does not wait.
 */
export function prefetchShellWhenIdle(): () => void {
  const start = () => void loadShell().catch(() => undefined);
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(start, { timeout: 2_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(start, 200);
  return () => window.clearTimeout(timer);
}
