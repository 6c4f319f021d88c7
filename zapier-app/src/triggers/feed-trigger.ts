import {
  WebhookVerificationError,
  type EventFeed,
  type FeedItem,
  type WebhookEvent,
} from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientFor } from '../client';
import { verifiedEvent } from '../webhooks/signed-request';
import { pollLimit } from './poll';
import { restHookLifecycle, subscriptionSecret } from './rest-hook';
import { claimDelivery } from './seen-deliveries';

/**
 * The delivery's event, or a halt when it fails the signature check. Anyone who learns the hook
 * URL can POST to it, and a step that errors again and again makes Zapier switch the Zap off;
 * a `HaltedError` stops this run only, shows in the Zap history as halted, and counts as no
 * error. Nothing of a forged body is read.
 */
function deliveredEvent(z: ZObject, bundle: Bundle): WebhookEvent {
  try {
    return verifiedEvent(bundle, subscriptionSecret(bundle));
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    throw new z.errors.HaltedError(
      `Ignored a request that is not a genuine SenseOn delivery (${error.reason}): ${error.message}`,
    );
  }
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
     * `webhook-id` gives nothing (`seen-deliveries.ts`); a forged one halts (`deliveredEvent`).
     */
    perform: async (z: ZObject, bundle: Bundle): Promise<I[]> => {
      const event = deliveredEvent(z, bundle);
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
