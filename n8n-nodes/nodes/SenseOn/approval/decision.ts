import { summarizeAction, type Action } from '@senseon/client';
import type { IDataObject } from 'n8n-workflow';

/** The outputs of a node that waits for a decision: index 0 is Approved, 1 Not Approved. */
export const APPROVED_OUTPUT = 0;
export const NOT_APPROVED_OUTPUT = 1;

/** How a response action ended up, in the words the two outputs are named after. */
export type Decision = 'approved' | 'not_required' | 'rejected' | 'expired' | 'cancelled';

/**
 * The decision an action's status shows. `executing`, `completed` and `failed` all come after
 * an approval (or none was needed); only the approval itself is what this node waits for.
 */
export function decisionOf(action: Pick<Action, 'status' | 'requires_approval'>): Decision | null {
  switch (action.status) {
    case 'pending_approval':
      return null;
    case 'rejected':
    case 'expired':
    case 'cancelled':
      return action.status;
    default:
      return action.requires_approval ? 'approved' : 'not_required';
  }
}

export function isApproved(decision: Decision): boolean {
  return decision === 'approved' || decision === 'not_required';
}

/** The callback secret is a credential: it never leaves the node in an item. */
export function withoutSecrets(record: Record<string, unknown>): IDataObject {
  const rest: Record<string, unknown> = { ...record };
  delete rest.callback_secret;
  return rest as IDataObject;
}

/** The item a decided action leaves the node as. */
export function decidedItem(action: Action, decision: Decision): IDataObject {
  const said: Record<Decision, string> = {
    approved: 'Approved',
    not_required: 'No approval was needed',
    rejected: 'Rejected',
    expired: 'Not decided in time: the approval request expired',
    cancelled: 'Cancelled',
  };
  return {
    ...withoutSecrets(action as unknown as Record<string, unknown>),
    decision,
    summary: `${said[decision]}. ${summarizeAction(action)}`,
  };
}
