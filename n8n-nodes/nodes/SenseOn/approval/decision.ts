import {
  decisionOf,
  isApproved,
  summarizeDecision,
  type Action,
  type Decision,
} from '@senseon/client';
import type { IDataObject } from 'n8n-workflow';

/** The outputs of a node that waits for a decision: index 0 is Approved, 1 Not Approved. */
export const APPROVED_OUTPUT = 0;
export const NOT_APPROVED_OUTPUT = 1;

// The decision and its words are the core's, shared with Zapier's wait for the decision.
export { decisionOf, isApproved, type Decision } from '@senseon/client';

/** The callback secret is a credential: it never leaves the node in an item. */
export function withoutSecrets(record: Record<string, unknown>): IDataObject {
  const rest: Record<string, unknown> = { ...record };
  delete rest.callback_secret;
  return rest as IDataObject;
}

/** The item a decided action leaves the node as. */
export function decidedItem(action: Action, decision: Decision): IDataObject {
  return {
    ...withoutSecrets(action as unknown as Record<string, unknown>),
    decision,
    summary: summarizeDecision(action, decision),
  };
}

/**
 * Where an action leaves the waiting node, by its status as SenseOn's API returns it; null while
 * it is still pending approval. Approved only when a person approved it (or none was needed) and
 * it has not failed: a failed action was approved but its containment did not take effect, and
 * an Approved branch goes on as if it had, so it leaves on Not Approved (its item still says who
 * approved it, and its status says it failed).
 */
export function confirmedOutput(action: Action): { output: number; decision: Decision } | null {
  const decision = decisionOf(action);
  if (decision === null) return null;
  const approved = isApproved(decision) && action.status !== 'failed';
  return { output: approved ? APPROVED_OUTPUT : NOT_APPROVED_OUTPUT, decision };
}
