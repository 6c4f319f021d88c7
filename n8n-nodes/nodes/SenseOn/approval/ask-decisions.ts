import { decisionOf, type Action, type BaseSenseOnClient } from '@senseon/client';
import type { PendingDecision } from './pending-decision';
import type { ItemAction } from './route-decisions';

/**
 * How long the webhook may spend asking SenseOn: SenseOn gives a delivery 10 s to be answered,
 * and an unanswered one is retried, so the questions must end well before that.
 */
const CONFIRM_TIMEOUT_MS = 4_000;
const CONFIRM_BUDGET_MS = 8_000;
/** Actions asked about at once after the first: few, so one callback never floods the API. */
const ASKED_AT_ONCE = 5;

/** SenseOn answered for an action other than the one asked about: nothing can be trusted. */
export class AnotherActionAnswered extends Error {}

export type AskedDecisions =
  { decided: ItemAction[] } | { stillPending: PendingDecision; first: boolean };

/**
 * Asks SenseOn's API for the state of every action the node waits for, with the node's own
 * credential: `first` (the one whose callback rang) before the others, then the rest a few at
 * a time, stopping at the first batch that holds one still pending. Callbacks come one per
 * decision, so every callback but the last finds one pending, usually after few questions; the
 * last finds them all decided. Nothing is remembered between callbacks: what SenseOn answers now
 * is the whole truth, whichever n8n process the callback reached and whatever came before it.
 */
export async function askDecisions(
  client: BaseSenseOnClient,
  requests: PendingDecision[],
  first: string,
): Promise<AskedDecisions> {
  const deadline = Date.now() + CONFIRM_BUDGET_MS;
  const ask = async (request: PendingDecision): Promise<ItemAction> => {
    const action: Action = await client.actions.retrieve(request.actionId, {
      timeoutMs: CONFIRM_TIMEOUT_MS,
      deadline,
    });
    if (action.id !== request.actionId) throw new AnotherActionAnswered();
    return { action, itemIndex: request.itemIndex };
  };
  const ordered = [
    ...requests.filter((r) => r.actionId === first),
    ...requests.filter((r) => r.actionId !== first),
  ];
  const decided: ItemAction[] = [];
  for (let start = 0; start < ordered.length;) {
    // The first question alone: a forged or early callback ends there.
    const size = start === 0 ? 1 : ASKED_AT_ONCE;
    const batch = ordered.slice(start, start + size);
    const answers = await Promise.all(batch.map(ask));
    const pending = answers.find(({ action }) => decisionOf(action) === null);
    if (pending) {
      return {
        stillPending: { actionId: pending.action.id, itemIndex: pending.itemIndex },
        first: pending.action.id === first,
      };
    }
    decided.push(...answers);
    start += size;
  }
  return { decided };
}
