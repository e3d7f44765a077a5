import { createApi, createClient, type Api } from '../../shared/api';
import type { Backend } from '../../electron/core/backend';

/**
 * The renderer's typed client straight over a backend, with the same layers as the app: the
 * bridge's envelopes over the transport, then the client that throws AppError. For tests and
 * benchmarks that call the backend the way the renderer does.
 */
export function clientFor(backend: Backend): Api {
  return createClient(createApi((channel, request) => backend.dispatch(channel, request)));
}
