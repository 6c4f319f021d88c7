import { ApiError } from '../http/errors';

/** Streams one token may hold open at once: a listener or two, plus one reconnecting. */
export const MAX_STREAMS_PER_TOKEN = 3;

/** Open event streams, per token, so one token cannot hold every connection of the server. */
export class StreamConnections {
  private readonly open = new Map<string, number>();

  /** Takes a place for the token, or refuses with 429 naming the limit. */
  acquire(tokenId: string): () => void {
    const count = this.open.get(tokenId) ?? 0;
    if (count >= MAX_STREAMS_PER_TOKEN) {
      throw new ApiError(
        'RATE_LIMITED',
        `This token already holds ${MAX_STREAMS_PER_TOKEN} open event streams, the most one token may hold; close one (or wait for a dropped one to end) and connect again.`,
        [{ field: 'Authorization', issue: `has ${count} open event streams` }],
        { 'Retry-After': '5' },
      );
    }
    this.open.set(tokenId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.open.get(tokenId) ?? 1) - 1;
      if (now <= 0) this.open.delete(tokenId);
      else this.open.set(tokenId, now);
    };
  }
}
