import { describe, expect, it } from 'vitest';
import { ShellSettings } from '../../../electron/main/shellSettings';

class Window {
  protection: boolean | null = null;
  constructor(private readonly destroyed = false) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setContentProtection(enable: boolean): void {
    this.protection = enable;
  }
}

describe('ShellSettings', () => {
  it('starts unprotected and in Dutch, until the vault says otherwise', () => {
    const shell = new ShellSettings();
    expect(shell.hideWhileSharing).toBe(false);
    expect(shell.language).toBe('nl');
  });

  it('protects every open window on settings:changed, and later windows too', () => {
    const shell = new ShellSettings();
    const windows = [new Window(), new Window()];
    shell.receive({ name: 'settings:changed', payload: { language: 'en', hideWhileSharing: true } }, windows);
    expect(windows.map((window) => window.protection)).toEqual([true, true]);
    expect(shell.language).toBe('en');
    const later = new Window();
    shell.applyTo(later);
    expect(later.protection).toBe(true);

    shell.receive({ name: 'settings:changed', payload: { language: 'en', hideWhileSharing: false } }, windows);
    expect(windows.map((window) => window.protection)).toEqual([false, false]);
  });

  it('ignores other events (a lock keeps the protection) and windows already destroyed', () => {
    const shell = new ShellSettings();
    const open = new Window();
    const gone = new Window(true);
    shell.receive({ name: 'settings:changed', payload: { language: 'nl', hideWhileSharing: true } }, [open, gone]);
    shell.receive({ name: 'vault:locked', payload: { reason: 'idle' } }, [open]);
    shell.receive({ name: 'host:down', payload: {} }, [open]);
    expect(open.protection).toBe(true);
    expect(shell.hideWhileSharing).toBe(true);
    expect(gone.protection).toBeNull();
  });
});
