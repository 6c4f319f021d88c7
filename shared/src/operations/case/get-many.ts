import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, listLimit, listPageSize, withSummary } from '../operation';

export const getManyCases = defineOperation({
  key: 'case.getMany',
  version: 1,
  label: 'Get Many Cases',
  description: 'List cases, newest first, filtered by status, severity and text.',
  fields: [F.statusFilter, F.minSeverity, F.query, F.limit],
  zapier: { kind: 'search', key: 'find_case' },
  n8n: { resource: 'case', operation: 'getMany' },
  async run(client, input, ctx) {
    const cases = await client.cases
      .list({
        limit: listPageSize(input.limit, ctx),
        status: input.status,
        min_severity: input.min_severity,
        q: input.q,
      })
      .collect({ limit: listLimit(input.limit, ctx) });
    return cases.map((c) => withSummary(c, say.summarizeCase(c)));
  },
});
