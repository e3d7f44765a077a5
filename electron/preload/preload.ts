import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { EVENT_CHANNEL } from '../../shared/events';

// Only the typed API crosses into the page: it can call contract channels and nothing else,
// so a compromised page never gets ipcRenderer itself (Electron checklist #20).
contextBridge.exposeInMainWorld(
  'api',
  createApi((channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>),
);

// Backend events (idle lock, backup finished, migration progress): the page may only listen,
// and only to this one channel; the renderer checks each event against the contract.
contextBridge.exposeInMainWorld('apiEvents', {
  subscribe(listener: (event: unknown) => void): () => void {
    const handler = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});
