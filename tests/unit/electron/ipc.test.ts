import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLogSink } from '../../../electron/core/log';
import { CHANNELS } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { type IpcEventLike, type IpcMainLike, registerIpc } from '../../../electron/main/ipc';

type Listener = (event: IpcEventLike, request: unknown) => unknown;

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Listener> } {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

function fakeBackend() {
  return {
    dispatch: vi.fn(async (channel: string, request: unknown): Promise<Result<unknown>> => ({
      ok: true,
      value: { channel, request },
    })),
  };
}

const appFrame = { url: 'app://app/index.html', parent: null };

describe('registerIpc', () => {
  let logLines: string[];
  beforeEach(() => {
    logLines = [];
    setLogSink((line) => logLines.push(line));
  });
  afterEach(() => setLogSink((line) => process.stderr.write(`${line}\n`)));

  it('registers a handler for exactly every contract channel', () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, fakeBackend());
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('passes a request from the app page through to the backend', async () => {
    const ipcMain = fakeIpcMain();
    const backend = fakeBackend();
    registerIpc(ipcMain, backend);
    const result = await ipcMain.handlers.get('students:list')!({ senderFrame: appFrame }, { includeArchived: true });
    expect(backend.dispatch).toHaveBeenCalledWith('students:list', { includeArchived: true });
    expect(result).toEqual({ ok: true, value: { channel: 'students:list', request: { includeArchived: true } } });
  });

  it.each([
    ['a foreign page', { senderFrame: { url: 'https://example.com/', parent: null } }],
    ['a sub frame of the app', { senderFrame: { url: 'app://app/index.html', parent: appFrame } }],
    ['a file: page', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['a destroyed frame', { senderFrame: null }],
    ['no frame at all', {}],
  ])('refuses %s with FORBIDDEN_SENDER on every channel', async (_label, event) => {
    const ipcMain = fakeIpcMain();
    const backend = fakeBackend();
    registerIpc(ipcMain, backend);
    for (const channel of CHANNELS) {
      const result = await ipcMain.handlers.get(channel)!(event as IpcEventLike, {});
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(backend.dispatch).not.toHaveBeenCalled();
  });

  it('logs a refused call by channel only, never with what was sent', async () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, fakeBackend());
    await ipcMain.handlers.get('students:create')!({ senderFrame: null }, { firstName: 'Sanne' });
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({ event: 'ipc.forbidden_sender', channel: 'students:create' });
    expect(logLines[0]).not.toContain('Sanne');
  });

  it('uses the sender check it is given', async () => {
    const ipcMain = fakeIpcMain();
    const backend = fakeBackend();
    registerIpc(ipcMain, backend, () => false);
    const result = await ipcMain.handlers.get('vault:status')!({ senderFrame: appFrame }, {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
});
