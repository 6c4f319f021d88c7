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
 * it is still pending approval. Approved only on the core's `isApproved`: a failed action (the
 * decision `failed`: approved, but its containment did not take effect) leaves on Not Approved,
 * its item still saying who approved it.
 */
export function confirmedOutput(action: Action): { output: number; decision: Decision } | null {
  const decision = decisionOf(action);
  if (decision === null) return null;
  return { output: isApproved(decision) ? APPROVED_OUTPUT : NOT_APPROVED_OUTPUT, decision };
}
