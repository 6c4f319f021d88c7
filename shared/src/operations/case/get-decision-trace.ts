import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';

export const getDecisionTrace = defineOperation({
  key: 'case.getDecisionTrace',
  version: 1,
  label: 'Get Decision Trace',
  description:
    'Get the DecisionTrace audit entries of a case and check their hash chain: every request, decision and result.',
  fields: [F.caseId],
  zapier: { kind: 'search', key: 'get_decision_trace' },
  n8n: { resource: 'case', operation: 'getDecisionTrace' },
  async run(client, input) {
    const { entries, verification } = await client.cases.verifyTrace(input.case_id);
    return withSummary(
      { case_id: input.case_id, verified: verification.valid, verification, entries },
      say.summarizeTrace(entries, verification),
    );
  },
});
