import type { BaseSenseOnClient } from '@senseon/client';
import type { IWebhookFunctions } from 'n8n-workflow';
import { subscriptionState } from './subscription';

/*
 * SenseOn delivers at least once: a retry, a duplicate or a replay carries the `webhook-id` (the
 * event id) of the first delivery. The trigger claims each event before starting anything and
 * starts nothing for an event already claimed.
 *
 * Where the claim is kept: in SenseOn (`POST /webhooks/{webhook_id}/claims`), because nothing
 * n8n 2.40.7 gives a webhook trigger is shared by its processes. What we found there: its
 * WebhookContext builds its helpers from request and binary helpers only, so the database-backed
 * `checkProcessedAndRecord` of execute contexts is absent; workflow static data written in
 * `webhook()` is read when a call starts and written back whole (if at all) when it ends, so
 * overlapping calls lose each other's ids; and process memory exists once per process, while
 * queue mode spreads one event's copies over the webhook processors and main. The API's claim is
 * one atomic insert: of all the copies of an event, in any number of processes, exactly one is
 * first.
 *
 * Each claim names the delivery attempt it is made under (`X-SenseOn-Delivery-Attempt`). When n8n
 * then answers that attempt 5xx (it could not start the workflow the trigger returned, its
 * database busy, say) SenseOn gives the claim back and delivers again, so the retry is first.
 * For the same reason nothing is remembered in process memory: a retry SenseOn released must
 * reach the claim again, even in the process that saw the first copy.
 */

function subscriptionIdOf(context: IWebhookFunctions): string {
  const webhookId = subscriptionState(context).webhookId;
  if (!webhookId) throw new Error('No SenseOn subscription is known for this trigger.');
  return webhookId;
}

/**
 * Claims a delivery's event for this trigger's subscription: true for the one claim that gets
 * it, false for every other copy. Throws when SenseOn cannot be asked: n8n then answers 500 and
 * SenseOn delivers again later, so an event is never dropped for want of an answer.
 */
export async function claimDelivery(
  context: IWebhookFunctions,
  client: BaseSenseOnClient,
  deliveryId: string,
  attemptId: string | undefined,
): Promise<boolean> {
  const claim = await client.webhooks.claimEvent(subscriptionIdOf(context), deliveryId, {
    attemptId,
  });
  return claim.first;
}

/** Gives a claim back when nothing was started for it, so SenseOn's retry is not dropped. */
export async function releaseDelivery(
  context: IWebhookFunctions,
  client: BaseSenseOnClient,
  deliveryId: string,
): Promise<void> {
  await client.webhooks.releaseEventClaim(subscriptionIdOf(context), deliveryId);
}
