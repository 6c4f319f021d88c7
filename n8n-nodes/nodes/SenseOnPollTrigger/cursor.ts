/**
 * The poll trigger's durable position in a feed, kept in workflow static data between polls.
 *
 * A record is new when its time is at or after the window start and its key was not emitted
 * before. The keys emitted inside the window are remembered, so records that share a
 * timestamp with the last one emitted (the id breaks the tie) and records that arrive late
 * (inside the feed's lookback) are each emitted exactly once. The key list is bounded: when
 * full, the window start moves forward instead of forgetting keys inside it, so nothing is
 * ever emitted twice.
 */
export interface PollCursor {
  /** Which feed this is a position in; another feed starts afresh. */
  feed: string;
  /** The newest timestamp emitted (ms). */
  at: number;
  /** No record older than this (ms) is considered, even inside the lookback. */
  floor: number;
  /** `[key, timestamp]` of the records emitted inside the window, oldest first. */
  seen: Array<[string, number]>;
}

export interface FeedRecord<T> {
  key: string;
  /** ms since the epoch. */
  at: number;
  record: T;
}

/** Keys remembered at most; about 40 bytes each in static data. */
export const MAX_REMEMBERED_KEYS = 5000;

export function windowStart(cursor: PollCursor, lookbackMs: number): number {
  return Math.max(cursor.at - lookbackMs, cursor.floor);
}

/**
 * A cursor that emits nothing that exists now: it starts at the newest record's time, and the
 * floor there keeps a feed's lookback from reaching back into what existed before activation.
 */
export function startCursor(feed: string, newest: FeedRecord<unknown>[]): PollCursor {
  const at = newest.reduce((max, r) => Math.max(max, r.at), 0);
  return {
    feed,
    at,
    floor: at,
    seen: newest.filter((r) => r.at === at).map((r) => [r.key, r.at]),
  };
}

function byTimeThenKey(a: FeedRecord<unknown>, b: FeedRecord<unknown>): number {
  return a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The records of `candidates` not emitted before, oldest first, and the cursor after them.
 * `candidates` is everything the feed returned from `windowStart` on, in any order.
 */
export function takeNew<T>(
  cursor: PollCursor,
  candidates: FeedRecord<T>[],
  lookbackMs: number,
  maxKeys = MAX_REMEMBERED_KEYS,
): { fresh: FeedRecord<T>[]; next: PollCursor } {
  const start = windowStart(cursor, lookbackMs);
  const known = new Set(cursor.seen.map(([key]) => key));
  const fresh: FeedRecord<T>[] = [];
  for (const candidate of candidates) {
    if (candidate.at < start || known.has(candidate.key)) continue;
    known.add(candidate.key);
    fresh.push(candidate);
  }
  fresh.sort(byTimeThenKey);
  const at = fresh.reduce((max, r) => Math.max(max, r.at), cursor.at);
  const nextStart = Math.max(at - lookbackMs, cursor.floor);
  let seen = [...cursor.seen, ...fresh.map((r): [string, number] => [r.key, r.at])]
    .filter(([, time]) => time >= nextStart)
    .sort((a, b) => a[1] - b[1]);
  let floor = cursor.floor;
  if (seen.length > maxKeys) {
    // Forget the oldest keys only together with their whole millisecond: records that old are
    // not considered again, so none of them can come back (a late one there is missed instead).
    const cutAt = seen[seen.length - maxKeys - 1]![1];
    seen = seen.filter(([, time]) => time > cutAt);
    floor = cutAt + 1;
  }
  return { fresh, next: { feed: cursor.feed, at, floor, seen } };
}
