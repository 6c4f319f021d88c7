import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { senseOnClient } from '../transport/client';
import { answer, rawBodyOf } from '../webhooks/signed-request';
import { isRunning, type Action, type SenseOnClient } from '@senseon/client';
import { APPROVED_OUTPUT, confirmedOutput, decidedItem } from './decision';
import { readPendingDecision, type PendingDecision } from './pending-decision';
import { actionWithResult, resultItem, resultPollBudgetMs } from './result-wait';

/**
 * How long the webhook may spend asking SenseOn: SenseOn gives a delivery 10 s to be answered,
 * and an unanswered one is retried, so the question must end well before that.
 */
const CONFIRM_TIMEOUT_MS = 4_000;
const CONFIRM_BUDGET_MS = 8_000;

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
 * The resume webhook of a node waiting for a decision. SenseOn POSTs to the execution's resume
 * URL when the awaited action is decided; that POST only says "ask now". The decision is what
 * SenseOn's API answers to `GET /actions/{id}`, asked with the node's own credential: approved
 * resumes on Approved; rejected, expired, cancelled or failed on Not Approved; still pending
 * changes nothing and the execution keeps waiting.
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
  const pending = readPendingDecision(context);
  if (!pending) {
    return answer(context, 409, { error: 'This execution is not waiting for a SenseOn decision.' });
  }
  if ((await claimedActionId(context)) !== pending.actionId) {
    // The resume URL belongs to the execution, so callbacks of an earlier action (its
    // completion, say) can arrive while this node waits for another. They change nothing.
    return answer(context, 200, { ignored: 'not the response action this step waits for' });
  }
  let action;
  let client: SenseOnClient;
  try {
    client = await senseOnClient(context);
    action = await client.actions.retrieve(pending.actionId, {
      timeoutMs: CONFIRM_TIMEOUT_MS,
      deadline: Date.now() + CONFIRM_BUDGET_MS,
    });
  } catch {
    // No answer is no decision. 502 asks SenseOn to deliver again later.
    return answer(context, 502, {
      error: 'SenseOn could not be asked for the decision; nothing resumed.',
    });
  }
  if (action.id !== pending.actionId) {
    return answer(context, 502, { error: 'SenseOn answered for another action; nothing resumed.' });
  }
  const confirmed = confirmedOutput(action);
  if (confirmed === null) {
    return answer(context, 200, { ignored: 'the response action is still pending' });
  }
  const { output, decision } = confirmed;
  if (output === APPROVED_OUTPUT && pending.resultWaitMs && isRunning(action)) {
    return await approvedWithResult(context, client, action, pending);
  }
  const outputs: INodeExecutionData[][] = [[], []];
  outputs[output]!.push({
    json: decidedItem(action, decision),
    pairedItem: { item: pending.itemIndex },
  });
  return { workflowData: outputs, webhookResponse: { received: true, decision } };
}

/**
 * Run Script's Wait for the Result after an approval. SenseOn is answered first (its delivery
 * must be answered within 10 s, and the result may take longer), then the webhook polls the
 * action and resumes the execution with it (n8n runs the workflow on a webhook's
 * `workflowData` even when the node sent the response itself). Where it leaves is decided
 * again on the action as it then stands: a run that failed leaves on Not Approved, like any
 * failed action; one still running at the limit leaves on Approved, as it stands, and says so.
 * A poll that fails hands on the approved action as the webhook last read it.
 */
async function approvedWithResult(
  context: IWebhookFunctions,
  client: SenseOnClient,
  approved: Action,
  pending: PendingDecision,
): Promise<IWebhookResponseData> {
  answer(context, 200, { received: true, decision: 'approved' });
  const budget = resultPollBudgetMs(pending.resultWaitMs ?? 0, Date.now(), pending.waitLimitAt);
  let action = approved;
  try {
    action = await actionWithResult(client, approved, budget);
  } catch {
    // The decision stands; only the result is unknown, and the item's status says so.
  }
  const { output, decision } = confirmedOutput(action) ?? {
    output: APPROVED_OUTPUT,
    decision: 'approved' as const,
  };
  const outputs: INodeExecutionData[][] = [[], []];
  outputs[output]!.push({
    json: resultItem(action, decision, budget),
    pairedItem: { item: pending.itemIndex },
  });
  return { noWebhookResponse: true, workflowData: outputs };
}
