import type { EventFeed, FeedItem } from '@senseon/client';
import { PAGE_SIZE, type Feed } from './feeds';

/**
 * A core event feed as the poll trigger reads it (version 2): the feed's own items, keyed by
 * the feed's dedupe key and ordered by its time, so a poll emits what Zapier's trigger and the
 * SenseOn Trigger emit for the same change.
 */
export function pollableFeed(feed: EventFeed): Feed<FeedItem> {
  return {
    lookbackMs: feed.poll.lookbackMs,
    since: (client, sinceMs) => feed.poll.since(client, sinceMs),
    newest: (client) => feed.poll.newest(client, PAGE_SIZE),
    toRecord: (item) => ({
      key: feed.dedupeKey(item),
      at: Date.parse(feed.at(item)),
      record: item,
    }),
    // The item already carries the feed's summary.
    summary: (item) => item.summary,
  };
}
