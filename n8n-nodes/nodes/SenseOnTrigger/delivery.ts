import {
  type BaseSenseOnClient,
  feedForEvent,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookEvent,
} from '@senseon/client';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { summarizeEvent } from './event-summary';
import { claimDelivery, releaseDelivery } from './seen-deliveries';
import { subscriptionState } from './subscription';
import { toNodeError } from '../SenseOn/errors/node-error';
import { answer, rawBodyOf } from '../SenseOn/webhooks/signed-request';
import { senseOnClient } from '../SenseOn/transport/client';

function headerOf(context: IWebhookFunctions, name: string): string | undefined {
  const value = context.getHeaderData()[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * What the workflow starts with. Version 2: an event of a feed gives the feed's item, the same
 * as the SenseOn Poll Trigger and Zapier's triggers give for that change (an Updated Case item
 * says what changed, from the event); other events, and every event in version 1 (saved
 * workflows), come as the event itself with a one-line summary.
 */
async function itemOf(
  context: IWebhookFunctions,
  client: BaseSenseOnClient,
  event: WebhookEvent,
): Promise<IDataObject> {
  const feed = context.getNode().typeVersion >= 2 ? feedForEvent(event.type) : undefined;
  const item = feed ? await feed.fromEvent(event, client) : null;
  return item ?? { ...(event as unknown as IDataObject), summary: summarizeEvent(event) };
}

/**
 * One delivery from SenseOn: checked against the subscription's secret over the exact bytes
 * received (401 when the signature or the timestamp is wrong), answered 200 and dropped when its
 * event was already claimed for this trigger's subscription (`seen-deliveries.ts`), and otherwise started
 * as one item.
 */
export async function receiveDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
  const state = subscriptionState(context);
  if (!state.webhookSecret) {
    return answer(context, 401, { error: 'No SenseOn subscription is known for this trigger.' });
  }
  const raw = await rawBodyOf(context);
  if (!raw) return answer(context, 400, { error: 'The raw request body is not available.' });
  let event: WebhookEvent;
  try {
    event = verifyWebhook(raw, context.getHeaderData(), state.webhookSecret);
  } catch (error) {
    const reason = error instanceof WebhookVerificationError ? error.reason : 'invalid';
    return answer(context, 401, { error: 'The delivery is not correctly signed.', reason });
  }
  // Claimed in SenseOn before anything else, so of all copies, in any n8n process, one starts;
  // a duplicate is still answered 2xx, or SenseOn would keep retrying it. When SenseOn cannot
  // be asked, the error makes n8n answer 500: SenseOn delivers again later.
  const deliveryId = headerOf(context, 'webhook-id') ?? event.id;
  // One client (one credential load) for the claim, the item and a release: each load is a
  // database read in n8n, and a delivery's latency is what SOC automations wait on.
  let client: BaseSenseOnClient;
  let first: boolean;
  try {
    client = await senseOnClient(context);
    first = await claimDelivery(context, client, deliveryId, attemptIdOf(context));
  } catch (error) {
    throw toNodeError(context.getNode(), error);
  }
  if (!first) return answer(context, 200, { received: true, duplicate: true });
  let json: IDataObject;
  try {
    json = await itemOf(context, client, event);
  } catch (error) {
    // Nothing starts (the case of a comment could not be read): SenseOn's retry must not be
    // dropped as a duplicate.
    await releaseDelivery(context, client, deliveryId);
    throw toNodeError(context.getNode(), error);
  }
  return { workflowData: [[{ json }]], webhookResponse: { received: true } };
}

/** The delivery attempt SenseOn names, when it is one SenseOn's API would take back. */
function attemptIdOf(context: IWebhookFunctions): string | undefined {
  const attempt = headerOf(context, 'x-senseon-delivery-attempt');
  return attempt && /^att_[A-Za-z0-9]{8,64}$/.test(attempt) ? attempt : undefined;
}
