import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, listLimit, listPageSize, withSummary, ZAPIER_HAS_13 } from '../operation';

export const getManyResponseActions = defineOperation({
  key: 'action.getMany',
  version: 1,
  label: 'Get Many Response Actions',
  description: 'List response actions, newest first, by status.',
  fields: [F.actionStatus, F.limit],
  zapier: { absent: `${ZAPIER_HAS_13}; the Response Action Update trigger carries each change` },
  n8n: { resource: 'responseAction', operation: 'getMany' },
  async run(client, input, ctx) {
    const actions = await client.actions
      .list({ limit: listPageSize(input.limit, ctx), status: input.status })
      .collect({ limit: listLimit(input.limit, ctx) });
    return actions.map((a) => withSummary(a, say.summarizeAction(a)));
  },
});
