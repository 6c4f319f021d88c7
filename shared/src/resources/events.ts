import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type { EventFilters, WebhookEvent } from '../schemas/webhooks';
import { ApiResource, withCursor } from './resource';

/**
 * `GET /events`: the case and response action events the API emitted, oldest first. What a
 * poller reads instead of receiving webhooks: every change is there, once, in order.
 */
export class EventsResource extends ApiResource {
  list(filters?: EventFilters, options?: RequestOptions): PagePromise<WebhookEvent> {
    return this.paged('listEvents', (cursor) => ({ query: withCursor(filters, cursor) }), options);
  }
}
