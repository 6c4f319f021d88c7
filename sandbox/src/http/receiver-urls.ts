import type { EndpointId } from '@senseon/client';
import { urlRefusal, type UrlPolicy } from '../webhooks/url-policy';
import { validationError } from './errors';

/** The body fields that name where the sandbox will POST: a subscription's, an action's. */
const RECEIVER_URL_FIELDS: Partial<Record<EndpointId, string>> = {
  createWebhook: 'url',
  requestAction: 'callback_url',
};

/**
 * Refuses, at creation, a receiver URL the sandbox would refuse to deliver to (metadata and
 * private addresses, credentials, other schemes), as 400 naming the field, so the mistake
 * shows when it is made rather than as failed deliveries later.
 */
export function checkReceiverUrl(id: EndpointId, body: unknown, policy: UrlPolicy): void {
  const field = RECEIVER_URL_FIELDS[id];
  if (!field || body === null || typeof body !== 'object') return;
  const url: unknown = (body as Record<string, unknown>)[field];
  if (typeof url !== 'string') return;
  const refusal = urlRefusal(url, policy);
  if (refusal !== null) throw validationError(field, refusal);
}
