import { NotFoundError, type EventType } from '@senseon/client';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { toNodeError } from '../SenseOn/errors/node-error';
import { senseOnClient } from '../SenseOn/transport/client';

/**
 * The subscription this trigger made in SenseOn, kept in the node's workflow static data: its
 * id (to delete it on deactivation) and its signing secret (shown by SenseOn only once).
 */
export interface SubscriptionState {
  webhookId?: string;
  webhookSecret?: string;
  webhookUrl?: string;
  events?: string[];
}

export function subscriptionState(context: { getWorkflowStaticData(type: string): IDataObject }) {
  return context.getWorkflowStaticData('node') as SubscriptionState & IDataObject;
}

async function clientOf(context: IHookFunctions) {
  try {
    return await senseOnClient(context);
  } catch (error) {
    throw toNodeError(context.getNode(), error);
  }
}

function selectedEvents(context: IHookFunctions): EventType[] {
  return [...(context.getNodeParameter('events', []) as EventType[])].sort();
}

function forget(state: SubscriptionState): void {
  delete state.webhookId;
  delete state.webhookSecret;
  delete state.webhookUrl;
  delete state.events;
}

function sameEvents(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && [...a].sort().every((event, i) => event === [...b].sort()[i]);
}

/**
 * True when SenseOn still has this trigger's subscription, for this URL and these events, and
 * its secret is known. A subscription that no longer matches (events changed while inactive)
 * is deleted so that `create` makes the right one.
 */
export async function subscriptionExists(context: IHookFunctions): Promise<boolean> {
  const state = subscriptionState(context);
  if (!state.webhookId) return false;
  const url = context.getNodeWebhookUrl('default');
  const client = await clientOf(context);
  try {
    const existing = await client.webhooks.retrieve(state.webhookId);
    if (
      existing.status === 'active' &&
      existing.url === url &&
      sameEvents(existing.events, selectedEvents(context)) &&
      state.webhookSecret
    ) {
      return true;
    }
    await client.webhooks.delete(state.webhookId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw toNodeError(context.getNode(), error);
    context.logger.info(`SenseOn subscription ${state.webhookId} is gone; a new one will be made`);
  }
  forget(state);
  return false;
}

/** Subscribes this trigger's URL to the chosen events; keeps the id and the secret. */
export async function createSubscription(context: IHookFunctions): Promise<boolean> {
  const url = context.getNodeWebhookUrl('default');
  if (!url) throw toNodeError(context.getNode(), new Error('n8n gave this trigger no webhook URL'));
  const events = selectedEvents(context);
  const client = await clientOf(context);
  try {
    const created = await client.webhooks.create({
      url,
      events,
      description: `n8n workflow "${context.getWorkflow().name ?? context.getWorkflow().id}"`,
    });
    const state = subscriptionState(context);
    state.webhookId = created.id;
    state.webhookSecret = created.secret;
    state.webhookUrl = url;
    state.events = events;
    return true;
  } catch (error) {
    throw toNodeError(context.getNode(), error);
  }
}

/** Deletes the subscription; one already gone counts as deleted. */
export async function deleteSubscription(context: IHookFunctions): Promise<boolean> {
  const state = subscriptionState(context);
  if (state.webhookId) {
    const client = await clientOf(context);
    try {
      await client.webhooks.delete(state.webhookId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw toNodeError(context.getNode(), error);
      context.logger.info(`SenseOn subscription ${state.webhookId} was already deleted`);
    }
  }
  forget(state);
  return true;
}
