import { createContext, useContext } from 'react';
import { AppError } from '../../../shared/errors';

/** manual: the mentor locked; auto: the idle timer; host: the backend process stopped. */
export type LockReason = 'manual' | 'auto' | 'host';

export interface Session {
  /** Locks the vault and drops every piece of decrypted state in the renderer. */
  lock(reason: LockReason): void;
  /** True when the error meant the vault had locked underneath us; the app then shows the lock screen. */
  handleLocked(error: unknown): boolean;
  /** Work that must reach the vault before it locks (unsaved text); returns an unregister function. */
  registerFlush(flush: () => Promise<void>): () => void;
}

export const SessionContext = createContext<Session>({ lock: () => undefined, handleLocked: () => false, registerFlush: () => () => undefined });

export function useSession(): Session {
  return useContext(SessionContext);
}

export function isLockedError(error: unknown): boolean {
  return error instanceof AppError && error.code === 'VAULT_LOCKED';
}
