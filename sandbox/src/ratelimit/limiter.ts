import type { SandboxClock } from '../clock';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the window resets, Unix seconds (the `X-RateLimit-Reset` header). */
  resetAt: number;
  /** Seconds to wait when refused (the `Retry-After` header). */
  retryAfter: number;
}

/**
 * Fixed windows per key (a token's id; callers without a valid token share one key per
 * address), aligned to the window length, like most APIs that publish `X-RateLimit-Reset`. Kept in memory:
 * a restart forgives everyone, as a real gateway's restart would.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    private readonly clock: SandboxClock,
  ) {}

  /** The decision `hit` would give, without counting the request. */
  peek(key: string): RateDecision {
    return this.decide(key, false);
  }

  hit(key: string): RateDecision {
    return this.decide(key, true);
  }

  private decide(key: string, count: boolean): RateDecision {
    const nowMs = this.clock.now();
    const windowMs = this.windowSeconds * 1000;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 10_000) this.forgetOld(start);
    }
    const resetMs = start + windowMs;
    const allowed = window.count < this.limit;
    if (allowed && count) window.count++;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetAt: Math.ceil(resetMs / 1000),
      retryAfter: Math.max(1, Math.ceil((resetMs - nowMs) / 1000)),
    };
  }

  private forgetOld(currentStart: number): void {
    for (const [key, window] of this.windows) {
      if (window.start !== currentStart) this.windows.delete(key);
    }
  }
}
