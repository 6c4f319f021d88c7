import type {
  DeduplicationHelperFunctions,
  ICheckProcessedOptions,
  IWebhookFunctions,
} from 'n8n-workflow';

/*
 * SenseOn delivers at least once: a retry, a duplicate or a replay carries the `webhook-id` of the
 * first delivery. The trigger claims each id before starting anything and starts nothing for an
 * id already claimed.
 *
 * Where the claim is kept. Workflow static data written in `webhook()` is not saved by n8n 2.40.7,
 * so it cannot be used. n8n's persistent deduplication helpers (`checkProcessedAndRecord`, kept
 * in n8n's database) are given to execute contexts only: n8n 2.40.7's WebhookContext builds its
 * helpers from request and binary helpers and nothing else. They are used here whenever a webhook
 * context has them (a feature check, so a newer n8n that adds them gets database-backed dedupe
 * with no change); otherwise claims are kept in this process's memory, bounded per trigger node.
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
  if (ids.has(deliveryId)) return false;
  ids.add(deliveryId);
  // A Set iterates in insertion order: the first one is the oldest claim.
  while (ids.size > REMEMBERED_DELIVERIES) ids.delete(ids.values().next().value as string);
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
}
