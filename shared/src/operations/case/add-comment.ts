import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';

export const addCaseComment = defineOperation({
  key: 'case.addComment',
  version: 1,
  label: 'Add Case Comment',
  description: 'Add a comment to a case, e.g. a ticket link or an analyst note.',
  fields: [F.caseId, F.commentBody],
  zapier: { kind: 'create', key: 'add_case_comment' },
  n8n: { resource: 'case', operation: 'addComment' },
  async run(client, input) {
    const comment = await client.cases.addComment(input.case_id, { body: input.body });
    return withSummary(comment, say.summarizeComment(comment));
  },
});
