import { sleep } from 'n8n-workflow';

/**
 * Waits until `check` returns something (not undefined), polling; for deliveries the sandbox
 * makes in the background. Fails with `what` after `timeoutMs`.
 */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
