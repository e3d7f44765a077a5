import { type BackendEvent, EVENT_CHANNEL } from '../../shared/events';

export interface EventTargetWindowLike {
  isDestroyed(): boolean;
  webContents: { send(channel: string, payload: unknown): void };
}

/** Sends a (validated) backend event to every open app window; all windows are the app's own. */
export function forwardEvent(windows: EventTargetWindowLike[], event: BackendEvent): void {
  for (const window of windows) {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  }
}
