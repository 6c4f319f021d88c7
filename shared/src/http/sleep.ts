import { RequestAbortedError } from '../errors/client-errors';

/** Waits `ms`; each platform brings its own (see `Platform.sleep`). */
export type Sleep = (ms: number) => Promise<void>;

/** Sleeps, but gives up as soon as `signal` fires, so a cancelled call never waits out a backoff. */
export async function sleepUnlessAborted(
  sleep: Sleep,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) throw new RequestAbortedError();
  if (!signal) return sleep(ms);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new RequestAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
