import * as say from '../../summaries';
import { F } from '../fields';
import { decisionOrigin, defineOperation, withSummary } from '../operation';

export const approveResponseAction = defineOperation({
  key: 'action.approve',
  version: 1,
  label: 'Approve Response Action',
  description:
    'Approve a pending response action. You cannot approve your own request; crown-jewel containment needs the critical approval scope.',
  fields: [F.actionId, F.approver, F.approveComment],
  zapier: { kind: 'create', key: 'approve_action' },
  n8n: { resource: 'responseAction', operation: 'approve' },
  decidesApproval: true,
  async run(client, input, ctx) {
    const action = await client.actions.approve(input.action_id, {
      approver: input.approver,
      comment: input.comment,
      origin: decisionOrigin(ctx),
    });
    return withSummary(action, say.summarizeAction(action));
  },
});
