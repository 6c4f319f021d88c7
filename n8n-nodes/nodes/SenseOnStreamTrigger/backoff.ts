/** First wait before reconnecting, and the longest; doubled per failed attempt in between. */
export const FIRST_RECONNECT_MS = 500;
export const MAX_RECONNECT_MS = 30_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 = the first after a drop): exponential,
 * with jitter so many workflows that lost the same server do not all come back at once.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RECONNECT_MS, FIRST_RECONNECT_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
