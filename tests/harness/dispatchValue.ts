/**
 * The value of a `harness.backend.dispatch(...)` envelope, for tests and tour steps that set up
 * state through the backend directly; a refused request fails loudly with its error.
 */
export async function dispatchValue<T>(promise: Promise<unknown>): Promise<T> {
  const result = await promise as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`dispatch failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}
