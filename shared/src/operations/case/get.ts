import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';

export const getCase = defineOperation({
  key: 'case.get',
  version: 1,
  label: 'Get Case',
  description: 'Get one case with its timeline, first observations and response actions.',
  fields: [F.caseId],
  zapier: { kind: 'search', key: 'find_case' },
  n8n: { resource: 'case', operation: 'get' },
  async run(client, input) {
    const found = await client.cases.retrieve(input.case_id);
    return withSummary(found, say.summarizeCaseDetail(found));
  },
});
