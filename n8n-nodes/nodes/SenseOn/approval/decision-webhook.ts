import { Action, verifyWebhook, WebhookVerificationError } from '@senseon/client';
import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import {
  APPROVED_OUTPUT,
  decidedItem,
  decisionOf,
  isApproved,
  NOT_APPROVED_OUTPUT,
} from './decision';
import { readPendingDecision } from './pending-decision';
import { answer, rawBodyOf } from '../webhooks/signed-request';

/** The action id a delivery claims, read before it is trusted, only to skip foreign ones. */
function claimedActionId(raw: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as { data?: { id?: unknown } };
    return typeof parsed.data?.id === 'string' ? parsed.data.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The resume webhook of a node waiting for a decision. SenseOn POSTs the signed decision to the
 * execution's resume URL; only a delivery for the awaited action, signed with that action's
 * callback secret and fresh, resumes the execution, on Approved or Not Approved.
 *
 * Nothing may escape it: when a resume webhook throws, n8n still resumes the execution, with
 * one empty item, and a resumed node passes what it is given on through its first output,
 * which here is Approved. A failure answers 500 and the execution keeps waiting instead, so
 * SenseOn's retry of the same delivery (or its expiry) can still decide it.
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
  const raw = await rawBodyOf(context);
  if (!raw) {
    // Without the exact bytes the signature cannot be checked; never resume unverified.
    return answer(context, 400, { error: 'The raw request body is not available.' });
  }
  const claimed = claimedActionId(raw);
  if (claimed !== pending.actionId) {
    // The resume URL belongs to the execution, so callbacks of an earlier action (its
    // completion, say) can arrive while this node waits for another. They change nothing.
    return answer(context, 200, { ignored: 'not the response action this step waits for' });
  }
  let event;
  try {
    event = verifyWebhook(raw, context.getHeaderData(), pending.callbackSecret);
  } catch (error) {
    const reason = error instanceof WebhookVerificationError ? error.reason : 'invalid';
    return answer(context, 401, { error: 'The decision is not correctly signed.', reason });
  }
  const parsed = Action.safeParse(event.data);
  if (!parsed.success || parsed.data.id !== pending.actionId) {
    return answer(context, 400, { error: 'The signed event does not carry the awaited action.' });
  }
  const decision = decisionOf(parsed.data);
  if (decision === null) {
    return answer(context, 200, { ignored: 'the response action is still pending' });
  }
  const item: INodeExecutionData = {
    json: decidedItem(parsed.data, decision),
    pairedItem: { item: pending.itemIndex },
  };
  const outputs: INodeExecutionData[][] = [[], []];
  outputs[isApproved(decision) ? APPROVED_OUTPUT : NOT_APPROVED_OUTPUT]!.push(item);
  return { workflowData: outputs, webhookResponse: { received: true, decision } };
}
