import { CHANNELS, type Channel, type Contract, type RequestIn, type Response } from './contract';
import { AppError, isErrorCode, type Result } from './errors';

/** Transport: sends one request on a channel and returns the result envelope. */
export type Invoke = (channel: Channel, request: unknown) => Promise<Result<unknown>>;

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Method<C extends string, N extends string> = C extends `${N}:${infer M}` ? M : never;

type Call<C extends Channel> = {} extends RequestIn<C>
  ? (request?: RequestIn<C>) => Promise<Response<C>>
  : (request: RequestIn<C>) => Promise<Response<C>>;

/** `api.students.create(...)` for channel `students:create`, and so on for every channel. */
export type Api = {
  [N in Namespace<keyof Contract & string>]: {
    [C in keyof Contract & string as Method<C, N>]: C extends Channel ? Call<C> : never;
  };
};

function unwrap(result: Result<unknown>): unknown {
  if (result && typeof result === 'object' && 'ok' in result) {
    if (result.ok) return result.value;
    const code = isErrorCode(result.error?.code) ? result.error.code : 'INTERNAL';
    throw new AppError(code, result.error?.params);
  }
  throw new AppError('INTERNAL');
}

/**
 * Builds the API object from the contract's channel list over any transport.
 * The Electron preload passes ipcRenderer.invoke; the browser harness passes a Playwright binding.
 */
export function createApi(invoke: Invoke): Api {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const [ns, method] = channel.split(':') as [string, string];
    const group = (api[ns] ??= {});
    group[method] = async (request?: unknown) => unwrap(await invoke(channel, request ?? {}));
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as unknown as Api;
}
