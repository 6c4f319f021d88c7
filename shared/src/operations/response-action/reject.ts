import * as say from '../../summaries';
import { F } from '../fields';
import { decisionOrigin, defineOperation, withSummary } from '../operation';

export const rejectResponseAction = defineOperation({
  key: 'action.reject',
  version: 1,
  label: 'Reject Response Action',
  description: 'Reject a pending response action; it will never run.',
  fields: [F.actionId, F.approver, F.rejectReason],
  zapier: { kind: 'create', key: 'reject_action' },
  n8n: { resource: 'responseAction', operation: 'reject' },
  decidesApproval: true,
  async run(client, input, ctx) {
    const action = await client.actions.reject(input.action_id, {
      approver: input.approver,
      reason: input.reason,
      origin: decisionOrigin(ctx),
    });
    return withSummary(action, say.summarizeAction(action));
  },
});
