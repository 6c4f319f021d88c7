import type { Action } from '../schemas/actions';
import { summarizeAction } from '../summaries';

/**
 * How a response action's approval ended, one name in both connectors' outputs (`decision`):
 * n8n's wait for the decision and Zapier's Wait for the Human Decision say the same words.
 * `failed`: approved (or no approval was needed), but the action then failed, so nothing was
 * contained; a workflow must not go on as if it had been, so it is not an approval.
 */
export type Decision =
  'approved' | 'not_required' | 'rejected' | 'expired' | 'cancelled' | 'failed';

/**
 * The decision an action's status shows; null while it is pending approval. `approved`,
 * `executing` and `completed` come after an approval (or none was needed); `failed` is its own
 * decision (see `Decision`).
 */
export function decisionOf(action: Pick<Action, 'status' | 'requires_approval'>): Decision | null {
  switch (action.status) {
    case 'pending_approval':
      return null;
    case 'rejected':
    case 'expired':
    case 'cancelled':
    case 'failed':
      return action.status;
    default:
      return action.requires_approval ? 'approved' : 'not_required';
  }
}

/** The only decisions a workflow may continue on as approved; everything else, including an unknown one, is not. */
export function isApproved(decision: Decision): boolean {
  return decision === 'approved' || decision === 'not_required';
}

/** Each decision in words, sentence case, as both connectors show it. */
export const DECISION_LABELS: Record<Decision, string> = {
  approved: 'Approved',
  not_required: 'No approval was needed',
  rejected: 'Rejected',
  expired: 'Not decided in time: the approval request expired',
  cancelled: 'Cancelled',
  failed: 'Failed: the action did not take effect',
};

/** "Approved. Response action act_… isolate_device …": the decision, then the action. */
export function summarizeDecision(action: Action, decision: Decision): string {
  return `${DECISION_LABELS[decision]}. ${summarizeAction(action)}`;
}
