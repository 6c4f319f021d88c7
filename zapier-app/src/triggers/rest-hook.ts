import { NotFoundError, type EventType } from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientFor } from '../client';

/** What `performSubscribe` keeps: Zapier stores it and hands it back as `bundle.subscribeData`. */
export interface HookSubscription {
  id: string;
  /** The subscription's signing secret (`whsec_…`), shown by SenseOn only at creation. */
  secret: string;
}

/** The REST hook lifecycle of a trigger fed by `events`. */
export function restHookLifecycle(events: readonly EventType[], label: string) {
  return {
    /** Subscribes Zapier's target URL; the secret stays in Zapier's subscribe data, never output. */
    performSubscribe: async (z: ZObject, bundle: Bundle): Promise<HookSubscription> => {
      if (!bundle.targetUrl) {
        throw new z.errors.Error('Zapier gave no target URL to subscribe.', 'NO_TARGET_URL', 400);
      }
      const created = await clientFor(z, bundle).webhooks.create({
        url: bundle.targetUrl,
        events: [...events],
        description: `Zapier: ${label}`,
      });
      return { id: created.id, secret: created.secret };
    },
    /** Deletes the subscription; one already gone (deleted in SenseOn) counts as done. */
    performUnsubscribe: async (
      z: ZObject,
      bundle: Bundle,
    ): Promise<{ id: string; deleted: boolean }> => {
      const id = (bundle.subscribeData as Partial<HookSubscription> | undefined)?.id;
      if (!id) return { id: '', deleted: false };
      try {
        await clientFor(z, bundle).webhooks.delete(id);
        return { id, deleted: true };
      } catch (error) {
        if (error instanceof NotFoundError) return { id, deleted: false };
        throw error;
      }
    },
  };
}

/** The subscription's secret, from Zapier's stored subscribe data. */
export function subscriptionSecret(bundle: Bundle): string | undefined {
  return (bundle.subscribeData as Partial<HookSubscription> | undefined)?.secret;
}

/** The SenseOn subscription's id, from Zapier's stored subscribe data. */
export function subscriptionId(bundle: Bundle): string | undefined {
  return (bundle.subscribeData as Partial<HookSubscription> | undefined)?.id;
}
