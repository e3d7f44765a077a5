import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../../shared/api';
import type { Result } from '../../shared/errors';

// Only the typed API crosses into the page: it can call contract channels and nothing else,
// so a compromised page never gets ipcRenderer itself (Electron checklist #20).
contextBridge.exposeInMainWorld(
  'api',
  createApi((channel, request) => ipcRenderer.invoke(channel, request) as Promise<Result<unknown>>),
);
