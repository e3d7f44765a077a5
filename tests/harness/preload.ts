import { createApi } from '../../shared/api';
import type { Channel } from '../../shared/contract';
import type { Result } from '../../shared/errors';

// The harness's stand-in for electron/preload: the same createApi over a Playwright binding
// instead of ipcRenderer.invoke. Bundled by esbuild and injected before the page's scripts.
declare const __loopbaandialoogInvoke: (channel: Channel, request: unknown) => Promise<Result<unknown>>;

Object.defineProperty(window, 'api', {
  value: createApi((channel, request) => __loopbaandialoogInvoke(channel, request)),
  writable: false,
  configurable: false,
});

// Backend events: the harness calls __lbdEvent on every page, as Electron's main process sends
// on the event channel; the page only gets a way to listen.
const eventListeners = new Set<(event: unknown) => void>();
Object.defineProperty(window, '__lbdEvent', {
  value: (event: unknown) => eventListeners.forEach((listener) => listener(event)),
  writable: false,
  configurable: false,
});
Object.defineProperty(window, 'apiEvents', {
  value: Object.freeze({
    subscribe(listener: (event: unknown) => void) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  }),
  writable: false,
  configurable: false,
});
