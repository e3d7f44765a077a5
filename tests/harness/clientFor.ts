import { createApi, createClient, type Api } from '../../shared/api';
import type { Result } from '../../shared/errors';

/** Anything that answers like the backend: the Backend itself, or the host client in front of one. */
export interface Dispatcher {
  dispatch(channel: unknown, request: unknown): Promise<Result<unknown>>;
}

/**
 * The renderer's typed client straight over a backend, with the same layers as the app: the
 * bridge's envelopes over the transport, then the client that throws AppError. For tests and
 * benchmarks that call the backend the way the renderer does.
 */
export function clientFor(backend: Dispatcher): Api {
  return createClient(createApi((channel, request) => backend.dispatch(channel, request)));
}
