// The seed's own "now". Seeded times are spread over the 14 days before it; it comes from the
// seed, never from the wall clock, so the same seed always gives the same timestamps. The
// server may shift every time by (real now - reference) when it loads the seed.
import { forkRandom } from './random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WINDOW_DAYS = 14;

/** 2026-11-02T08:00:00Z, the earliest reference time. */
const EARLIEST_REFERENCE = Date.UTC(2026, 10, 2, 8, 0, 0);

export function referenceTimeMs(seed: number): number {
  const rng = forkRandom(seed, 'clock');
  return EARLIEST_REFERENCE + rng.int(0, 27) * DAY + rng.int(0, 9 * 60) * MINUTE;
}

/** The instant the seed treats as "now"; every seeded time falls in the 14 days before it. */
export function referenceTime(seed: number): Date {
  return new Date(referenceTimeMs(seed));
}

export const iso = (ms: number): string => new Date(ms).toISOString();
