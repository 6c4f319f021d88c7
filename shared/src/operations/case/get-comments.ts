import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, listLimit, listPageSize, withSummary, ZAPIER_HAS_13 } from '../operation';

export const getCaseComments = defineOperation({
  key: 'case.getComments',
  version: 1,
  label: 'Get Case Comments',
  description: 'List the comments on a case, oldest first.',
  fields: [F.caseId, F.limit],
  zapier: { absent: `${ZAPIER_HAS_13}; new comments arrive through the Updated Case trigger` },
  n8n: { resource: 'case', operation: 'getComments' },
  async run(client, input, ctx) {
    const comments = await client.cases
      .listComments(input.case_id, { limit: listPageSize(input.limit, ctx) })
      .collect({ limit: listLimit(input.limit, ctx) });
    return comments.map((c) => withSummary(c, say.summarizeComment(c)));
  },
});
