import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';

export const getCaseSummary = defineOperation({
  key: 'case.getSummary',
  version: 1,
  label: 'Get AI Case Summary',
  description: 'Get the AI summary already generated for a case.',
  fields: [F.caseId],
  zapier: { absent: `${ZAPIER_HAS_13}; Generate AI Case Summary returns the summary` },
  n8n: { resource: 'case', operation: 'getSummary' },
  async run(client, input) {
    const summary = await client.cases.retrieveSummary(input.case_id);
    return withSummary(summary, say.summarizeSummary(summary));
  },
});
