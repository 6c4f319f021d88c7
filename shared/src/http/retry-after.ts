/**
 * `Retry-After` in milliseconds from `now`: either delay-seconds or an HTTP date (RFC 9110).
 * Null when absent or unreadable; never negative.
 */
export function parseRetryAfterMs(value: string | undefined | null, now: number): number | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
