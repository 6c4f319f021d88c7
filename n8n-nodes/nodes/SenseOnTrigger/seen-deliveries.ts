import type {
  DeduplicationHelperFunctions,
  ICheckProcessedOptions,
  IWebhookFunctions,
} from 'n8n-workflow';
import { subscriptionState } from './subscription';

/*
 * SenseOn delivers at least once: a retry, a duplicate or a replay carries the `webhook-id` of the
 * first delivery. The trigger claims each id before starting anything and starts nothing for an
 * id already claimed.
 *
 * Where the claim is kept. n8n's persistent deduplication helpers (`checkProcessedAndRecord`,
 * kept in n8n's database) are given to execute contexts only: n8n 2.40.7's WebhookContext builds
 * its helpers from request and binary helpers and nothing else. They are used whenever a webhook
 * context has them (a feature check, so a newer n8n that adds them needs no change). Otherwise a
 * claim is kept twice: in this process's memory, where checking and recording are one
 * synchronous step (copies arriving together), and in the node's workflow static data, which
 * n8n 2.40.7 saves after a production webhook call (`LiveWebhooks.executeWebhook`) and so
 * outlives a restart. Static data is read when a call starts and written back whole when it
 * ends, so calls that overlap, in one process or in several (queue mode), can lose each other's
 * ids: there, only memory guards, and only within one process.
 */

/** How many delivery ids each trigger node remembers. */
export const REMEMBERED_DELIVERIES = 1000;

const ENTRIES: ICheckProcessedOptions = { mode: 'entries', maxEntries: REMEMBERED_DELIVERIES };

type PersistentHelpers = Pick<
  DeduplicationHelperFunctions,
  'checkProcessedAndRecord' | 'removeProcessed'
>;

/** n8n's database-backed helpers, when this context has them at run time. */
function persistentHelpers(helpers: object): PersistentHelpers | undefined {
  if (
    'checkProcessedAndRecord' in helpers &&
    typeof helpers.checkProcessedAndRecord === 'function' &&
    'removeProcessed' in helpers &&
    typeof helpers.removeProcessed === 'function'
  ) {
    return helpers as PersistentHelpers;
  }
  return undefined;
}

/** Claimed ids per trigger node (workflow id and node id), oldest first. */
const claimedInMemory = new Map<string, Set<string>>();

function memoryOf(context: IWebhookFunctions): Set<string> {
  const key = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
  let ids = claimedInMemory.get(key);
  if (!ids) {
    ids = new Set();
    claimedInMemory.set(key, ids);
  }
  return ids;
}

/**
 * Claims a delivery id for this trigger node: true the first time, false for an id already
 * claimed. In memory the check and the record happen in one synchronous step, so two copies of a
 * delivery arriving together cannot both be first.
 */
export async function claimDelivery(
  context: IWebhookFunctions,
  deliveryId: string,
): Promise<boolean> {
  const persistent = persistentHelpers(context.helpers);
  if (persistent) {
    const outcome = await persistent.checkProcessedAndRecord([deliveryId], 'node', ENTRIES);
    return outcome.new.includes(deliveryId);
  }
  const ids = memoryOf(context);
  const state = subscriptionState(context);
  const saved = Array.isArray(state.recentDeliveryIds) ? state.recentDeliveryIds : [];
  if (ids.has(deliveryId) || saved.includes(deliveryId)) return false;
  ids.add(deliveryId);
  // A Set iterates in insertion order: the first one is the oldest claim.
  while (ids.size > REMEMBERED_DELIVERIES) ids.delete(ids.values().next().value as string);
  state.recentDeliveryIds = [...saved, deliveryId].slice(-REMEMBERED_DELIVERIES);
  return true;
}

/** Gives a claim back when nothing was started for it, so SenseOn's retry is not dropped. */
export async function releaseDelivery(
  context: IWebhookFunctions,
  deliveryId: string,
): Promise<void> {
  const persistent = persistentHelpers(context.helpers);
  if (persistent) {
    await persistent.removeProcessed([deliveryId], 'node', ENTRIES);
    return;
  }
  memoryOf(context).delete(deliveryId);
  const state = subscriptionState(context);
  if (Array.isArray(state.recentDeliveryIds)) {
    state.recentDeliveryIds = state.recentDeliveryIds.filter((id) => id !== deliveryId);
  }
}
