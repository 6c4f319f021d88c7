import * as say from '../../summaries';
import { F } from '../fields';
import { commaList } from '../input';
import { defineOperation, withSummary } from '../operation';

export const updateCase = defineOperation({
  key: 'case.update',
  version: 1,
  label: 'Update Case',
  description: 'Change the status, severity, assignee or tags of a case.',
  fields: [F.caseId, F.caseStatus, F.caseSeverity, F.assignee, F.tags],
  zapier: { kind: 'create', key: 'update_case' },
  n8n: { resource: 'case', operation: 'update' },
  async run(client, input) {
    const updated = await client.cases.update(input.case_id, {
      status: input.status,
      severity: input.severity,
      assignee: input.assignee,
      tags: commaList(input.tags),
    });
    return withSummary(updated, say.summarizeCase(updated));
  },
});
