import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';
import { responseActionRequest } from '../response-action-request';

export const addIoc = defineOperation({
  key: 'ioc.add',
  version: 1,
  label: 'Add IOC',
  description:
    'Add an indicator of compromise (file hash, IP, domain or URL) to the blocklist, through a response action on a case.',
  fields: [F.caseId, F.iocType, F.iocValue, F.justification],
  zapier: { kind: 'create', key: 'add_ioc' },
  n8n: { resource: 'ioc', operation: 'add' },
  requestsAction: true,
  actionType: 'add_ioc',
  async run(client, input, ctx) {
    const ioc = { type: input.ioc_type, value: input.ioc_value };
    const action = await client.actions.request(
      input.case_id,
      responseActionRequest(input, ctx, 'add_ioc', { ioc }),
    );
    return withSummary(action, say.summarizeAction(action));
  },
});
