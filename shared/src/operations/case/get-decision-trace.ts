import * as say from '../../summaries';
import { witnessEntries } from '../../trace/trace-witness';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';

export const getDecisionTrace = defineOperation({
  key: 'case.getDecisionTrace',
  version: 1,
  label: 'Get Decision Trace',
  description:
    "Get the DecisionTrace audit entries of a case (every request, decision and result) and verify them: the hash chain, each entry's inclusion in the server's signed checkpoint, and that the checkpoint extends the last one seen.",
  fields: [F.caseId],
  zapier: { kind: 'search', key: 'get_decision_trace' },
  n8n: { resource: 'case', operation: 'getDecisionTrace' },
  async run(client, input, ctx) {
    const { entries, verification } = await client.cases.verifyTrace(input.case_id);
    const audit = await witnessEntries(client, entries, ctx.traceWitness);
    return withSummary(
      {
        case_id: input.case_id,
        verified: audit.verified,
        checkpoint: audit.checkpoint,
        checked: audit.checks,
        problems: audit.problems,
        tampering: audit.tampering,
        verification,
        entries,
      },
      say.summarizeTraceAudit(entries, verification, audit),
    );
  },
});
