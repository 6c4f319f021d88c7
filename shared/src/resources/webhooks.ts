import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type { PageParams } from '../schemas/common';
import type {
  Delivery,
  EventClaim,
  Webhook,
  WebhookCreate,
  WebhookCreated,
} from '../schemas/webhooks';
import { ApiResource, withCursor, type ResponseOf } from './resource';

export type WebhookTestAccepted = ResponseOf<'testWebhook'>;

export class WebhooksResource extends ApiResource {
  /** Subscribes a URL; the answer holds the signing secret, shown only this once. */
  create(body: WebhookCreate, options?: RequestOptions): Promise<WebhookCreated> {
    return this.call('createWebhook', { body }, options);
  }

  list(page?: PageParams, options?: RequestOptions): PagePromise<Webhook> {
    return this.paged('listWebhooks', (cursor) => ({ query: withCursor(page, cursor) }), options);
  }

  retrieve(webhookId: string, options?: RequestOptions): Promise<Webhook> {
    return this.call('getWebhook', { params: { webhook_id: webhookId } }, options);
  }

  async delete(webhookId: string, options?: RequestOptions): Promise<void> {
    await this.call('deleteWebhook', { params: { webhook_id: webhookId } }, options);
  }

  /** Queues a signed test event to the subscription's URL. */
  test(webhookId: string, options?: RequestOptions): Promise<WebhookTestAccepted> {
    return this.call('testWebhook', { params: { webhook_id: webhookId } }, options);
  }

  listDeliveries(
    webhookId: string,
    page?: PageParams,
    options?: RequestOptions,
  ): PagePromise<Delivery> {
    return this.paged(
      'listDeliveries',
      (cursor) => ({ params: { webhook_id: webhookId }, query: withCursor(page, cursor) }),
      options,
    );
  }

  replayDelivery(
    webhookId: string,
    deliveryId: string,
    options?: RequestOptions,
  ): Promise<Delivery> {
    return this.call(
      'replayDelivery',
      { params: { webhook_id: webhookId, delivery_id: deliveryId } },
      options,
    );
  }

  /**
   * Claims a delivered event for this subscription: `first` is true for exactly one claim of
   * it, however many processes of a receiver ask at once. Act on a delivery only when first.
   */
  claimEvent(
    webhookId: string,
    eventId: string,
    options?: RequestOptions & { attemptId?: string },
  ): Promise<EventClaim> {
    const { attemptId, ...requestOptions } = options ?? {};
    const body = attemptId ? { event_id: eventId, attempt_id: attemptId } : { event_id: eventId };
    return this.call('claimEvent', { params: { webhook_id: webhookId }, body }, requestOptions);
  }

  /** Gives a claim back (nothing was started for it), so the next delivery is first again. */
  async releaseEventClaim(
    webhookId: string,
    eventId: string,
    options?: RequestOptions,
  ): Promise<void> {
    await this.call(
      'releaseEventClaim',
      { params: { webhook_id: webhookId, event_id: eventId } },
      options,
    );
  }
}
