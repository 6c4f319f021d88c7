import type { WebhookEvent } from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { requestHeaders } from '../webhooks/signed-request';
import { subscriptionId } from './rest-hook';

/*
 * SenseOn delivers at least once: a retry, a duplicate or a replay of a delivery carries the
 * same `webhook-id`, and Zapier does not deduplicate REST hook deliveries. Each verified delivery
 * is claimed in Zapier's cache (`z.cache`, backed by Zapier's RPC at run time) with an atomic
 * set-if-absent; a delivery whose id is already claimed starts no Zap run.
 */

/** How long a delivery id is remembered: a day, longer than SenseOn retries a delivery. */
export const DELIVERY_MEMORY_SECONDS = 24 * 60 * 60;

/** Keys kept per Zapier user and connected account, so no other account's claim can collide. */
const SCOPE = ['user', 'auth'];

/** A claimed delivery; `release` gives the claim back when nothing was started for it. */
export interface DeliveryClaim {
  first: boolean;
  release(): Promise<void>;
}

/** The cache key of a delivery to one subscription. */
export function deliveryKey(subscription: string, deliveryId: string): string {
  return `senseon:delivery:${subscription}:${deliveryId}`;
}

/**
 * Claims a verified delivery. Only a cache answer saying the key already existed drops it: if the
 * cache cannot be reached, the delivery is let through, since a duplicate run is better than a
 * lost event.
 */
export async function claimDelivery(
  z: ZObject,
  bundle: Bundle,
  event: WebhookEvent,
): Promise<DeliveryClaim> {
  const deliveryId = requestHeaders(bundle.rawRequest?.headers)['webhook-id'] ?? event.id;
  const key = deliveryKey(subscriptionId(bundle) ?? 'unknown', deliveryId);
  const release = async (): Promise<void> => {
    try {
      await z.cache.delete(key);
    } catch (error) {
      z.console.log(`SenseOn delivery ${deliveryId}: its claim could not be released`, error);
    }
  };
  try {
    const set = await z.cache.set(key, true, DELIVERY_MEMORY_SECONDS, SCOPE, true);
    return { first: set !== false, release };
  } catch (error) {
    z.console.log(`SenseOn delivery ${deliveryId}: not checked for duplicates`, error);
    return { first: true, release };
  }
}
