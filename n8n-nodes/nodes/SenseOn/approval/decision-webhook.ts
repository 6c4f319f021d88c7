import { decisionOf, isRunning, type SenseOnClient } from '@senseon/client';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { senseOnClient } from '../transport/client';
import { answer, rawBodyOf } from '../webhooks/signed-request';
import { AnotherActionAnswered, askDecisions } from './ask-decisions';
import { APPROVED_OUTPUT, confirmedOutput } from './decision';
import { readPendingDecisions, type PendingDecisions } from './pending-decision';
import { actionWithResult, resultItem, resultPollBudgetMs } from './result-wait';
import { routeDecisions, type ItemAction } from './route-decisions';

/** The action id a delivery claims. Nothing else of the body is read: it is not trusted. */
async function claimedActionId(context: IWebhookFunctions): Promise<string | undefined> {
  try {
    const raw = await rawBodyOf(context);
    const parsed = (raw ? JSON.parse(raw.toString('utf8')) : context.getBodyData()) as {
      data?: { id?: unknown };
    };
    return typeof parsed?.data?.id === 'string' ? parsed.data.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The resume webhook of a node waiting for decisions. SenseOn POSTs to the execution's resume
 * URL when one of the awaited actions is decided; that POST only says "ask now". The decisions
 * are what SenseOn's API answers to `GET /actions/{id}`, asked with the node's own credential.
 *
 * Several items wait in one execution, one action each, all with the same resume URL, and n8n
 * resumes an execution once. So each callback asks SenseOn for every action (`askDecisions`):
 * while any is still pending it answers 200 and the execution keeps waiting; the callback that
 * finds them all decided resumes it, each item on its own decision (`routeDecisions`). Nothing
 * is recorded per callback, on purpose: in queue mode any webhook processor or main may get any
 * callback, and what a webhook writes to a waiting execution is not saved unless it resumes it;
 * SenseOn's own record of each action is shared by all of them. Two callbacks that both find
 * everything decided (decisions a moment apart, or a retried delivery) both hand n8n the same
 * outputs, and n8n 2.40.7 lets only one resume: it moves the execution from `waiting` to
 * `running` with one conditional update, and refuses the other ("already resuming").
 *
 * The callback's signature is not verified, on purpose. Verifying it needs the action's callback
 * secret, and the only place the node could keep it is the execution's saved data, which anyone
 * who may view executions reads, and with it they could sign an "approved" of their own. Without
 * the secret the body is worth nothing, and it is used for nothing but to skip callbacks of other
 * actions: whoever holds the resume URL can at most make the node ask SenseOn early, and SenseOn's
 * answer is the same whoever rang. A forged "approved" finds the action pending and is ignored; a
 * replayed one finds it as it really is.
 *
 * Nothing may escape it: when a resume webhook throws, n8n still resumes the execution, with
 * one empty item, and a resumed node passes what it is given on through its first output,
 * which here is Approved. A failure (SenseOn unreachable or refusing, too) answers 5xx and the
 * execution keeps waiting instead, so SenseOn's retry of the same delivery (or its expiry) can
 * still decide it.
 */
export async function receiveDecision(context: IWebhookFunctions): Promise<IWebhookResponseData> {
  try {
    return await decide(context);
  } catch {
    // Nothing of the error is sent: the caller may be anyone who holds the URL.
    return answer(context, 500, { error: 'The decision could not be processed; nothing resumed.' });
  }
}

async function decide(context: IWebhookFunctions): Promise<IWebhookResponseData> {
  const pending = readPendingDecisions(context);
  if (!pending) {
    return answer(context, 409, { error: 'This execution is not waiting for a SenseOn decision.' });
  }
  const claimed = await claimedActionId(context);
  if (!pending.requests.some((request) => request.actionId === claimed)) {
    // The resume URL belongs to the execution, so callbacks of an earlier action (its
    // completion, say) can arrive while this node waits for others. They change nothing.
    return answer(context, 200, { ignored: 'not a response action this step waits for' });
  }
  let asked;
  let client: SenseOnClient;
  try {
    client = await senseOnClient(context);
    asked = await askDecisions(client, pending.requests, claimed!);
  } catch (error) {
    if (error instanceof AnotherActionAnswered) {
      return answer(context, 502, {
        error: 'SenseOn answered for another action; nothing resumed.',
      });
    }
    // No answer is no decision. 502 asks SenseOn to deliver again later.
    return answer(context, 502, {
      error: 'SenseOn could not be asked for the decision; nothing resumed.',
    });
  }
  if ('stillPending' in asked) {
    // The execution keeps waiting; the callback of the last decision will find them all.
    return answer(
      context,
      200,
      asked.first
        ? { ignored: 'the response action is still pending' }
        : { waiting: 'other response actions of this step are still pending' },
    );
  }
  if (pending.resultWaitMs && asked.decided.some(awaitsResult)) {
    return await approvedWithResults(context, client, asked.decided, pending);
  }
  const outputs = routeDecisions(asked.decided, pending.failures);
  if (outputs === null) {
    return answer(context, 200, { ignored: 'the response action is still pending' });
  }
  return {
    workflowData: outputs,
    webhookResponse: { received: true, decisions: decisionsOf(asked.decided) },
  };
}

/**
 * Run Script's Wait for the Result after the approvals. SenseOn is answered first (its delivery
 * must be answered within 10 s, and the results may take longer), then the webhook polls each
 * approved action still running and resumes the execution with them (n8n runs the workflow on a
 * webhook's `workflowData` even when the node sent the response itself). Where each item leaves
 * is decided again on its action as it then stands: a run that failed leaves on Not Approved,
 * like any failed action; one still running at the limit leaves on Approved, as it stands, and
 * says so. A poll that fails keeps the action as the webhook last read it.
 */
async function approvedWithResults(
  context: IWebhookFunctions,
  client: SenseOnClient,
  decided: ItemAction[],
  pending: PendingDecisions,
): Promise<IWebhookResponseData> {
  answer(context, 200, { received: true, decisions: decisionsOf(decided) });
  const budget = resultPollBudgetMs(pending.resultWaitMs ?? 0, Date.now(), pending.waitLimitAt);
  const polled = await Promise.all(
    decided.map(async (entry): Promise<ItemAction> => {
      if (!awaitsResult(entry)) return entry;
      try {
        return { ...entry, action: await actionWithResult(client, entry.action, budget) };
      } catch {
        // The decision stands; only the result is unknown, and the item's summary says so.
        return entry;
      }
    }),
  );
  const outputs =
    routeDecisions(polled, pending.failures, (action, decision) =>
      resultItem(action, decision, budget),
    ) ?? routeDecisions(decided, pending.failures)!;
  return { noWebhookResponse: true, workflowData: outputs };
}

/** An approved action whose devices have not all answered yet: Run Script's result wait polls it. */
function awaitsResult({ action }: ItemAction): boolean {
  return confirmedOutput(action)?.output === APPROVED_OUTPUT && isRunning(action);
}

/** What SenseOn's callback is answered: which decision each item resumed on, in item order. */
function decisionsOf(decided: ItemAction[]) {
  return decided
    .map(({ action, itemIndex }) => ({
      item: itemIndex,
      action_id: action.id,
      decision: decisionOf(action),
    }))
    .sort((a, b) => a.item - b.item);
}
