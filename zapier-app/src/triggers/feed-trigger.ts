import type { EventFeed, FeedItem } from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientFor } from '../client';
import { verifiedEvent } from '../webhooks/signed-request';
import { pollLimit } from './poll';
import { restHookLifecycle, subscriptionSecret } from './rest-hook';
import { claimDelivery } from './seen-deliveries';

/** Zapier's "Triggers when…" from the feed's one sentence ("A new case was opened."). */
export function triggersWhen(feed: Pick<EventFeed, 'description'>): string {
  return `Triggers when ${feed.description.charAt(0).toLowerCase()}${feed.description.slice(1)}`;
}

/**
 * A REST hook trigger rendered from an event feed: deliveries and polls both give the feed's
 * items (whose `id` is the feed's dedupe key), kept when `keep` says the Zap's filters pass.
 */
export function feedTrigger<I extends FeedItem>(
  feed: EventFeed<I>,
  keep: (item: I, bundle: Bundle) => boolean = () => true,
) {
  const lifecycle = restHookLifecycle(feed.events, feed.label);
  return {
    /**
     * Hook: a verified delivery of one of the feed's events, once: a redelivery of the same
     * `webhook-id` gives nothing (`seen-deliveries.ts`).
     */
    perform: async (z: ZObject, bundle: Bundle): Promise<I[]> => {
      const event = verifiedEvent(bundle, subscriptionSecret(bundle));
      if (!feed.events.includes(event.type)) return [];
      const claim = await claimDelivery(z, bundle, event);
      if (!claim.first) return [];
      let item: I | null;
      try {
        item = await feed.fromEvent(event, clientFor(z, bundle));
      } catch (error) {
        // Nothing was started: SenseOn's retry of this delivery must not count as a duplicate.
        await claim.release();
        throw error;
      }
      return item && keep(item, bundle) ? [item] : [];
    },
    /** Poll (samples, and Zapier's fallback): the newest items, newest first. */
    performList: async (z: ZObject, bundle: Bundle): Promise<I[]> => {
      const items = await feed.poll.newest(clientFor(z, bundle), pollLimit(bundle));
      return items.filter((item) => keep(item, bundle));
    },
    performSubscribe: lifecycle.performSubscribe,
    performUnsubscribe: lifecycle.performUnsubscribe,
  };
}
