/** Waits before each retry (contract): 30 s, 2 min, 10 min, 1 h, 6 h; then the delivery fails. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;

/** One first attempt plus one per retry. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * When to try again after `attemptsMade` failed attempts, or null when the schedule is used up.
 * `timeScale` shrinks the schedule (0.001 turns 30 s into 30 ms) so tests can watch it run.
 */
export function retryDelayMs(attemptsMade: number, timeScale: number): number | null {
  const delay = RETRY_DELAYS_MS[attemptsMade - 1];
  return delay === undefined ? null : Math.max(1, Math.round(delay * timeScale));
}
