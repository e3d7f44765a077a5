import { type Api, type BridgeApi, createClient } from '../../shared/api';

declare global {
  interface Window {
    /** Built from the shared contract by the Electron preload or the browser harness. */
    readonly api?: BridgeApi;
  }
}

let client: Api | null = null;

/** The one way the renderer reaches the backend; it never knows which transport is behind it. */
export function getApi(): Api {
  if (!window.api) throw new Error('window.api is missing: the renderer must run inside the app or the harness');
  client ??= createClient(window.api);
  return client;
}
