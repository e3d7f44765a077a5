import { CHANNELS } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { logEvent } from '../core/log';
import { isTrustedSender, type SenderFrameLike } from './policy';

// Structural stand-ins for Electron's ipcMain and its event, so this wiring is unit-tested
// with fakes and never imports `electron`.
export interface IpcEventLike {
  senderFrame?: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, request: unknown) => unknown): void;
}

export interface DispatcherLike {
  dispatch(channel: string, request: unknown): Promise<Result<unknown>>;
}

/**
 * One handler per contract channel, all going through the backend, which validates each
 * request against its schema. The sender check comes first: a foreign frame gets no answer
 * beyond FORBIDDEN_SENDER, whatever it sent.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  backend: DispatcherLike,
  isTrusted: (frame: SenderFrameLike | null | undefined) => boolean = isTrustedSender,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, request): Promise<Result<unknown>> => {
      if (!isTrusted(event.senderFrame)) {
        logEvent('ipc.forbidden_sender', { channel });
        return { ok: false, error: { code: 'FORBIDDEN_SENDER' } };
      }
      return backend.dispatch(channel, request);
    });
  }
}
