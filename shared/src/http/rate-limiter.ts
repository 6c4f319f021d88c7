import { createHash } from 'node:crypto';
import { sleepUnlessAborted, type Sleep } from './sleep';

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

/** The API's documented budget: 1,000 requests per minute per key. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 1000, windowMs: 60_000 };

export interface LimiterClock {
  now(): number;
  sleep: Sleep;
}

/**
 * A sliding-window log: never more than `limit` requests start in any `windowMs`, so bulk work
 * slows down instead of collecting 429s. Callers take turns in arrival order.
 */
export class SlidingWindowLimiter {
  /** Start times of the requests inside the current window, oldest first. */
  private readonly starts: number[] = [];
  private blockedUntil = 0;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    readonly config: RateLimitConfig,
    private readonly clock: LimiterClock,
  ) {
    if (!(config.limit >= 1) || !(config.windowMs > 0)) {
      throw new RangeError('rateLimit needs limit >= 1 and windowMs > 0');
    }
  }

  /**
   * Resolves when one more request may start, and counts it; resolves to its start time, which
   * `refund` takes. A retry does not queue behind new requests (it waited its turn once, and
   * behind a thousand queued requests it would starve), but it still needs a slot.
   */
  acquire(signal?: AbortSignal, sleep: Sleep = this.clock.sleep, retry = false): Promise<number> {
    if (retry) return this.waitForSlot(signal, sleep);
    const mine = this.turn.then(() => this.waitForSlot(signal, sleep));
    this.turn = mine.then(
      () => undefined,
      () => undefined,
    );
    return mine;
  }

  /**
   * Takes back a request the server turned away with 429: the server did not count it, so
   * neither do we, and its retry is not a second request against the budget.
   */
  refund(start: number): void {
    const index = this.starts.lastIndexOf(start);
    if (index >= 0) this.starts.splice(index, 1);
  }

  private async waitForSlot(signal: AbortSignal | undefined, sleep: Sleep): Promise<number> {
    let now = this.clock.now();
    for (;;) {
      while (this.starts.length > 0 && (this.starts[0] as number) <= now - this.config.windowMs) {
        this.starts.shift();
      }
      const windowWait =
        this.starts.length >= this.config.limit
          ? (this.starts[0] as number) + this.config.windowMs - now
          : 0;
      const wait = Math.max(windowWait, this.blockedUntil - now);
      if (wait <= 0) {
        this.starts.push(now);
        return now;
      }
      await sleepUnlessAborted(sleep, wait, signal);
      // Trust the sleep: an injected sleep in tests does not move the real clock.
      now = Math.max(this.clock.now(), now + wait);
    }
  }

  /**
   * The server's own count wins: `X-RateLimit-Remaining: 0` holds every request until
   * `X-RateLimit-Reset` (Unix seconds), at most `maxWaitMs` away in case the clocks disagree.
   */
  observe(headers: Record<string, string>, maxWaitMs: number): void {
    if (headers['x-ratelimit-remaining']?.trim() !== '0') return;
    const reset = Number(headers['x-ratelimit-reset']);
    if (!Number.isFinite(reset)) return;
    const now = this.clock.now();
    const until = Math.min(reset * 1000, now + maxWaitMs);
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  /** Requests counted in the window ending now; for tests and diagnostics. */
  inWindow(): number {
    const now = this.clock.now();
    return this.starts.filter((t) => t > now - this.config.windowMs).length;
  }
}

const shared = new Map<string, SlidingWindowLimiter>();

/**
 * One limiter per base URL, token and budget, for the whole process: the server counts per key,
 * so every client using the same key must draw from the same budget. The token is hashed so the
 * map never holds it in clear. `sleep` is the platform's; each call may also pass its own.
 */
export function sharedLimiter(
  baseUrl: string,
  token: string | undefined,
  config: RateLimitConfig,
  sleep: Sleep,
) {
  const tokenHash = createHash('sha256')
    .update(token ?? '')
    .digest('hex');
  const key = `${baseUrl}\n${tokenHash}\n${config.limit}/${config.windowMs}`;
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = new SlidingWindowLimiter(config, { now: Date.now, sleep });
    shared.set(key, limiter);
  }
  return limiter;
}
