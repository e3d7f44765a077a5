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
