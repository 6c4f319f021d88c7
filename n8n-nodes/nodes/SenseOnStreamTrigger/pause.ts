import { sleep } from 'n8n-workflow';

/**
 * Waits `ms`, or less when `signal` fires. n8n-workflow's own `sleepWithAbort` is newer than
 * the n8n-workflow that n8n 2.40.7 ships (a real n8n threw "sleepWithAbort is not a function"),
 * so this is made of `sleep`, which every n8n has. Never throws.
 */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
