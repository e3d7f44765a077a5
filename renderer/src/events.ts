import { type BackendEvent, type EventName, type EventPayload, parseEvent } from '../../shared/events';

declare global {
  interface Window {
    /** Put there by the Electron preload or the browser harness: listen-only backend events. */
    readonly apiEvents?: { subscribe(listener: (event: unknown) => void): () => void };
  }
}

type Listener = (event: BackendEvent) => void;
const listeners = new Set<Listener>();
let subscribed = false;

function ensureSubscribed(): void {
  if (subscribed || !window.apiEvents) return;
  subscribed = true;
  window.apiEvents.subscribe((raw) => {
    // Validated here too, like every message that crosses a boundary.
    const event = parseEvent(raw);
    if (!event) return;
    for (const listener of [...listeners]) listener(event);
  });
}

/** Calls `listener` for each event named `name`; returns the unsubscribe function. */
export function onBackendEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  ensureSubscribed();
  const wrapped: Listener = (event) => {
    if (event.name === name) listener(event.payload as EventPayload<E>);
  };
  listeners.add(wrapped);
  return () => {
    listeners.delete(wrapped);
  };
}
