import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';

export const getCaseSummary = defineOperation({
  key: 'case.getSummary',
  version: 1,
  label: 'Get AI Case Summary',
  // `text` is the AI summary; `summary`, on every output, restates the step in one line.
  description:
    'Get the AI summary already generated for a case: text holds it, summary restates the result in one line.',
  fields: [F.caseId],
  zapier: { absent: `${ZAPIER_HAS_13}; Generate AI Case Summary returns the summary` },
  n8n: { resource: 'case', operation: 'getSummary' },
  async run(client, input) {
    const summary = await client.cases.retrieveSummary(input.case_id);
    return withSummary(summary, say.summarizeSummary(summary));
  },
});
