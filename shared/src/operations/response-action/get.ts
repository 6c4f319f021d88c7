import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';

export const getResponseAction = defineOperation({
  key: 'action.get',
  version: 1,
  label: 'Get Response Action',
  description: 'Get one response action with its status, decision and result.',
  fields: [F.actionId],
  zapier: { absent: `${ZAPIER_HAS_13}; the Response Action Update trigger carries each change` },
  n8n: { resource: 'responseAction', operation: 'get' },
  async run(client, input) {
    const action = await client.actions.retrieve(input.action_id);
    return withSummary(action, say.summarizeAction(action));
  },
});
