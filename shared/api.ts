import { CHANNELS, type Channel, type Contract, type RequestIn, type Response } from './contract';
import { AppError, isErrorCode, type Result } from './errors';

/** Transport: sends one request on a channel and returns the result envelope. */
export type Invoke = (channel: Channel, request: unknown) => Promise<Result<unknown>>;

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Method<C extends string, N extends string> = C extends `${N}:${infer M}` ? M : never;

type Call<C extends Channel, R> = {} extends RequestIn<C>
  ? (request?: RequestIn<C>) => Promise<R>
  : (request: RequestIn<C>) => Promise<R>;

type Shape<Wrap extends 'value' | 'result'> = {
  [N in Namespace<keyof Contract & string>]: {
    [C in keyof Contract & string as Method<C, N>]: C extends Channel
      ? Call<C, Wrap extends 'value' ? Response<C> : Result<Response<C>>>
      : never;
  };
};

/**
 * What the preload (or the harness) puts on `window.api`: one method per channel, resolving to a
 * plain result envelope. Envelopes, not thrown errors, because Electron's contextBridge keeps
 * only the message of an Error that crosses it.
 */
export type BridgeApi = Shape<'result'>;

/** What renderer code uses: `api.students.create(...)` resolves to the value or throws AppError. */
export type Api = Shape<'value'>;

type Loose = Record<string, Record<string, (request?: unknown) => Promise<unknown>>>;

function freeze<T>(api: Loose): T {
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as T;
}

export function createApi(invoke: Invoke): BridgeApi {
  const api: Loose = {};
  for (const channel of CHANNELS) {
    const [ns, method] = channel.split(':') as [string, string];
    (api[ns] ??= {})[method] = (request?: unknown) => invoke(channel, request ?? {});
  }
  return freeze<BridgeApi>(api);
}

function unwrap(result: unknown): unknown {
  if (result && typeof result === 'object' && 'ok' in result) {
    const envelope = result as Result<unknown>;
    if (envelope.ok) return envelope.value;
    const code = isErrorCode(envelope.error?.code) ? envelope.error.code : 'INTERNAL';
    throw new AppError(code, envelope.error?.params);
  }
  throw new AppError('INTERNAL');
}

/** Wraps the bridge so that failures become this side's own AppError instances. */
export function createClient(bridge: BridgeApi): Api {
  const api: Loose = {};
  const loose = bridge as unknown as Loose;
  for (const channel of CHANNELS) {
    const [ns, method] = channel.split(':') as [string, string];
    const call = loose[ns]?.[method];
    (api[ns] ??= {})[method] = async (request?: unknown) => {
      if (!call) throw new AppError('UNKNOWN_CHANNEL');
      return unwrap(await call(request ?? {}));
    };
  }
  return freeze<Api>(api);
}
