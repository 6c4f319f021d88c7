/**
 * The sandbox's notion of "now". Real time plus an offset that tests can move forward, so that
 * expiry, retry schedules and rate-limit windows can be exercised without waiting.
 */
export class SandboxClock {
  private offsetMs = 0;
  private latestMs = 0;
  private readonly listeners = new Set<() => void>();

  /**
   * Never earlier than a time it gave before, even when the system clock steps back: the
   * API's storage orders (`ingested_at`, events' `created_at`) promise never to decrease.
   */
  now(): number {
    this.latestMs = Math.max(this.latestMs, Date.now() + this.offsetMs);
    return this.latestMs;
  }

  /** RFC 3339 UTC, the format of every timestamp the API answers. */
  iso(at: number = this.now()): string {
    return new Date(at).toISOString();
  }

  /** Moves time forward and lets every scheduler look at what became due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError('clock.advance: give a finite, non-negative number of milliseconds');
    }
    this.offsetMs += ms;
    for (const listener of this.listeners) listener();
  }

  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
