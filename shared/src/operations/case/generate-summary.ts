import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';

export const generateCaseSummary = defineOperation({
  key: 'case.generateSummary',
  version: 1,
  label: 'Generate AI Case Summary',
  description:
    'Generate the AI summary of a case and wait until it is ready: text, severity assessment and recommended actions.',
  fields: [F.caseId, F.summaryTimeout],
  zapier: { kind: 'create', key: 'generate_case_summary' },
  n8n: { resource: 'case', operation: 'generateSummary' },
  async run(client, input, ctx) {
    const { maxTimeoutMs = Infinity, onTimeout } = ctx.summaryWait ?? {};
    const summary = await client.cases.generateSummaryAndWait(input.case_id, {
      timeoutMs: Math.min(input.timeout_seconds * 1000, maxTimeoutMs),
      onTimeout,
    });
    return withSummary(summary, say.summarizeSummary(summary));
  },
});
