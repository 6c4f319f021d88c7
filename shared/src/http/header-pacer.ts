import { createHash } from 'node:crypto';
import type { LimiterClock } from './rate-limiter';
import { parseRetryAfterMs } from './retry-after';
import { sleepUnlessAborted, type Sleep } from './sleep';

/** What the server said about the key's current window. */
interface WindowState {
  limit: number;
  /** The lowest `X-RateLimit-Remaining` seen for this window: the server's count only grows. */
  remaining: number;
  /** Epoch ms at which the window ends (`X-RateLimit-Reset` is in Unix seconds). */
  resetAt: number;
  /** Answers this process got in this window that the server counted (not 429s). */
  ours: number;
  /**
   * Whether others use the key too: the server counted more than this process sent. Carried
   * into the next window, since they are likely still there; a window without them clears it.
   */
  others: boolean;
  /** When this window was first heard of, and when `remaining` was last updated (epoch ms). */
  firstSeenAt: number;
  seenAt: number;
  /** Requests the others made since `firstSeenAt`, as far as the server's count shows. */
  othersCount: number;
}

/** Below this share of the window's budget left, requests are spaced out instead of sent at once. */
const PACE_BELOW = 0.5;

/**
 * Paces requests by the server's own count, `X-RateLimit-Limit/Remaining/Reset`, so that any
 * number of processes, n8n workers and Zaps on one key hold the key's budget with no shared
 * state: each sees the others' requests in `Remaining`.
 *
 Alone on the key, while more than half the window's budget is left, requests go at once (a
 * walk of 100 pages never waits); below that, they are spaced by time-left / (remaining + 1).
 * Once the server has counted more than this process sent, others share the key, and every
 * request is spaced so. With P processes doing so, what is left shrinks like (1 - t/T)^P: it
 * reaches zero only as the window ends, so together they spend the budget without passing it. Requests
 * this process has in flight are subtracted, since the server's count does not show them yet.
 * Once `Remaining` is 0, everything waits for `Reset`; after a 429, for its `Retry-After` (for
 * `Reset` when it has none).
 *
 * At first, and after a window ends, one request at a time goes until an answer tells the
 * window's count. Answers without the headers (a proxy that strips them) turn this off, and the
 * local `SlidingWindowLimiter` is the only limit.
 */
export class HeaderPacer {
  private window: WindowState | null = null;
  /** An answer came back without the headers: nothing to pace by (the floor still holds). */
  private headerless = false;
  private inFlight = 0;
  /** Epoch ms before which the next new request may not start (the spacing). */
  private nextAt = 0;
  private turn: Promise<void> = Promise.resolve();
  private retriesWaiting = 0;
  /** Epoch ms before which nothing goes: a 429's Retry-After. */
  private heldUntil = 0;

  constructor(
    private readonly clock: LimiterClock,
    /** A `Reset` further away than this (clock skew, a bad header) is trusted only this far. */
    private readonly maxWaitMs = 60_000,
  ) {}

  /**
   * Resolves when one more request may be sent, and counts it in flight: every call must be
   * followed by exactly one `settle`. New requests take turns in arrival order; a retry does not
   * queue behind them (it already waited its turn once), but it still waits for budget.
   */
  acquire(options: { signal?: AbortSignal; sleep?: Sleep; retry?: boolean } = {}): Promise<void> {
    const sleep = options.sleep ?? this.clock.sleep;
    if (options.retry) return this.waitForBudget(options.signal, sleep, true);
    const mine = this.turn.then(() => this.waitForBudget(options.signal, sleep, false));
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /**
   * The answer to a request `acquire` let through (or undefined when none came back): its
   * headers update the window; a 429 means none remain until `Reset` whatever it says.
   */
  settle(response?: { status: number; headers: Record<string, string> }): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!response) return;
    // A 429 that says when to come back holds every request that long, and no longer: its
    // Remaining stands (a 429 from a layer in front of the limiter, or an injected fault, leaves
    // the key's budget as it was; the limiter's own says 0). Without Retry-After: until Reset.
    const retryAfterMs =
      response.status === 429
        ? parseRetryAfterMs(response.headers['retry-after'], this.clock.now())
        : null;
    if (retryAfterMs !== null) {
      this.heldUntil = Math.max(
        this.heldUntil,
        this.clock.now() + Math.min(retryAfterMs, this.maxWaitMs),
      );
    }
    const limit = Number(response.headers['x-ratelimit-limit']);
    const remaining = Number(response.headers['x-ratelimit-remaining']);
    const reset = Number(response.headers['x-ratelimit-reset']);
    if (!(limit >= 1) || !(remaining >= 0) || !Number.isFinite(reset)) {
      if (!this.window) this.headerless = true;
      return;
    }
    this.headerless = false;
    const now = this.clock.now();
    const resetAt = Math.min(reset * 1000, now + this.maxWaitMs);
    const left = response.status === 429 && retryAfterMs === null ? 0 : remaining;
    const counted = response.status === 429 ? 0 : 1;
    let current = this.window;
    if (!current || resetAt > current.resetAt + 500) {
      // A newer window (Reset moved on; 500 ms absorbs the cap above moving with `now`).
      const others = current !== null && current.others && current.resetAt >= now - 60_000;
      current = {
        limit,
        remaining: left,
        resetAt,
        ours: counted,
        others,
        firstSeenAt: now,
        seenAt: now,
        othersCount: 0,
      };
      this.window = current;
    } else if (resetAt >= current.resetAt - 500) {
      if (left < current.remaining) {
        current.othersCount += Math.max(0, current.remaining - left - counted);
        current.remaining = left;
        current.seenAt = now;
      }
      current.limit = limit;
      current.ours += counted;
    } else {
      // An answer from an older window (sent before the reset, answered after): nothing new.
      return;
    }
    // What the server counted beyond what this process has sent (answered or in flight).
    if (current.limit - current.remaining > current.ours + this.inFlight) current.others = true;
  }

  /** For tests and diagnostics: the window as last seen, and what is in flight. */
  state(): { window: WindowState | null; inFlight: number } {
    return { window: this.window && { ...this.window }, inFlight: this.inFlight };
  }

  private async waitForBudget(
    signal: AbortSignal | undefined,
    sleep: Sleep,
    retry: boolean,
  ): Promise<void> {
    let now = this.clock.now();
    if (retry) this.retriesWaiting++;
    try {
      for (;;) {
        // A waiting retry goes first: it was sent once already, and must not starve.
        const wait = !retry && this.retriesWaiting > 0 ? 10 : this.waitMs(now);
        if (wait <= 0) {
          this.inFlight++;
          return;
        }
        await sleepUnlessAborted(sleep, wait, signal);
        // Trust the sleep: an injected sleep in tests does not move the real clock.
        now = Math.max(this.clock.now(), now + wait);
      }
    } finally {
      if (retry) this.retriesWaiting--;
    }
  }

  /** How long to wait before the next request may go; 0 or less: now (and it is counted). */
  private waitMs(now: number): number {
    if (now < this.heldUntil) return this.heldUntil - now;
    const window = this.window;
    if (!window) {
      // Nothing heard yet: one request finds out whether the server counts, and how much is
      // left, before a burst goes out blind.
      return this.headerless || this.inFlight === 0 ? 0 : 10;
    }
    if (now >= window.resetAt) {
      // A new window whose count we have not seen: probe with one request at a time.
      return this.inFlight === 0 ? 0 : 10;
    }
    // Others keep sending after the answer that told us `remaining`: take off what they are
    // likely to have sent since. Without that, every process spends the window's last few
    // requests at once, on a count already stale. They pace as we do, by what is left over the
    // time left, so their rate falls as the window drains: it is their share of the requests
    // (others' per one of ours, this window) times the pace `remaining` set when last heard.
    // The window's average rate, used before, stayed high as the real rate fell: each process
    // saw nothing left while the server still had ~6% of the budget, and waited for the reset.
    const othersPerOurs = window.ours > 0 ? window.othersCount / window.ours : 0;
    const othersRate =
      (othersPerOurs * window.remaining) / Math.max(1, window.resetAt - window.seenAt);
    const available = Math.floor(
      window.remaining - this.inFlight - othersRate * (now - window.seenAt),
    );
    const timeLeft = window.resetAt - now;
    if (available <= 0) {
      // Wait for the reset (or, with requests in flight, for their answers, which may say more).
      return this.inFlight > 0 ? Math.min(timeLeft, 10) : timeLeft;
    }
    if (!window.others && available > window.limit * PACE_BELOW) return 0;
    if (now < this.nextAt) return this.nextAt - now;
    this.nextAt = now + timeLeft / (available + 1);
    return 0;
  }
}

const pacers = new Map<string, HeaderPacer>();

/**
 * One pacer per base URL and token for the whole process: the server counts per key, whatever
 * budget each client was configured with. The token is hashed so the map never holds it in clear.
 */
export function sharedPacer(baseUrl: string, token: string | undefined, clock: LimiterClock) {
  const tokenHash = createHash('sha256')
    .update(token ?? '')
    .digest('hex');
  const key = `${baseUrl}\n${tokenHash}`;
  let pacer = pacers.get(key);
  if (!pacer) {
    pacer = new HeaderPacer(clock);
    pacers.set(key, pacer);
  }
  return pacer;
}
