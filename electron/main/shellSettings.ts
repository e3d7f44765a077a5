import type { Language } from '../../shared/domain';
import type { BackendEvent } from '../../shared/events';

// A structural stand-in for Electron's BrowserWindow, so this never imports `electron`.
export interface ProtectableWindowLike {
  isDestroyed(): boolean;
  /** Windows: excluded from capture (WDA_EXCLUDEFROMCAPTURE); macOS: NSWindowSharingNone; Linux: nothing. */
  setContentProtection(enable: boolean): void;
}

/**
 * The vault's settings that the main process acts on, as the backend host last reported them
 * ('settings:changed', sent at every unlock and after every settings change). Until the first
 * unlock nothing is known: the window is unprotected, which shows only the unlock screen, and
 * dialogs speak Dutch, the app's default. After a lock the last values stay, so a mentor who
 * asked for protection keeps it on the lock screen too.
 */
export class ShellSettings {
  private hide = false;
  private lang: Language = 'nl';

  get hideWhileSharing(): boolean {
    return this.hide;
  }

  get language(): Language {
    return this.lang;
  }

  /** Takes a backend event (any kind; only 'settings:changed' matters) and applies it to every window. */
  receive(event: BackendEvent, windows: readonly ProtectableWindowLike[]): void {
    if (event.name !== 'settings:changed') return;
    this.hide = event.payload.hideWhileSharing;
    this.lang = event.payload.language;
    for (const window of windows) this.applyTo(window);
  }

  /** For a window made after the last event (and for each window when the setting changes). */
  applyTo(window: ProtectableWindowLike): void {
    if (!window.isDestroyed()) window.setContentProtection(this.hide);
  }
}
