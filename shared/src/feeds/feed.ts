import type { SenseOnClient } from '../client';
import type { EventType, WebhookEvent } from '../schemas/webhooks';

/**
 * What a feed reads through: the resources it needs of any SenseOn client, whichever platform
 * it runs on.
 */
export type FeedClient = Pick<SenseOnClient, 'cases' | 'actions' | 'observations' | 'events'>;

/**
 * Every trigger item: its dedupe key as `id` (what Zapier dedupes on) and one sentence. A type,
 * not an interface, so items are plain records the platforms' item types accept.
 */
export type FeedItem = {
  id: string;
  summary: string;
};

/** Where a feed lives in the Zapier app, or why it is not there. */
export type ZapierTrigger = { key: string } | { absent: string };

/**
 * One event feed, declared once and rendered by both connectors: Zapier's REST hook and
 * polling triggers, n8n's SenseOn Trigger (webhook) and SenseOn Poll Trigger. The same
 * event or record gives the same item, with the same dedupe key, whichever connector or
 * path (webhook or poll) it came by.
 *
 * Methods (not function properties) so a feed of one item type is usable as a feed of items.
 */
export interface EventFeed<I extends FeedItem = FeedItem> {
  key: string;
  label: string;
  /** One sentence: what happened. */
  description: string;
  /** The webhook event types that feed it. */
  events: readonly EventType[];
  zapier: ZapierTrigger;
  poll: {
    /**
     * The timestamp the poll reads the feed in. `ingested_at` (observations) and an event's
     * `created_at` (case updates) never decrease in the order the API stores them, so nothing
     * can appear behind a poll's position and no lookback is needed.
     */
    order: 'created_at' | 'updated_at' | 'ingested_at' | 'event_created_at';
    /** Late records are still caught up to this far behind the newest one emitted. */
    lookbackMs: number;
    /** Every item at or after `sinceMs`, in any order, following every page. */
    since(client: FeedClient, sinceMs: number): AsyncIterable<I>;
    /** The newest items, newest first: a sample, or where "now" is. */
    newest(client: FeedClient, limit: number): Promise<I[]>;
  };
  /** The item a delivered event gives; null when the event is not one of this feed's. */
  fromEvent(event: WebhookEvent, client: FeedClient): Promise<I | null>;
  /** What identifies one change: equal for a redelivery or a poll of it, new for the next one. */
  dedupeKey(item: I): string;
  /** When the item happened (ISO 8601), in the poll's order. */
  at(item: I): string;
  summary(item: I): string;
}

/** Items per request while a poll catches up; a poll follows every page. */
export const FEED_PAGE_SIZE = 100;

/** The API's `*_after` filters are exclusive; one millisecond less includes `sinceMs` itself. */
export function afterFilter(sinceMs: number): string | undefined {
  return sinceMs > 0 ? new Date(sinceMs - 1).toISOString() : undefined;
}
