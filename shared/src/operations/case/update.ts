import * as say from '../../summaries';
import { F, type FieldSpec } from '../fields';
import { InvalidInputError } from '../../errors';
import { commaList } from '../input';
import { defineOperation, withSummary } from '../operation';

const common = {
  key: 'case.update',
  label: 'Update Case',
  zapier: { kind: 'create', key: 'update_case' },
  n8n: { resource: 'case', operation: 'update' },
} as const;

/** v1: an empty Assignee or Tags keeps the current value, so neither can be cleared. */
export const updateCaseV1 = defineOperation({
  ...common,
  version: 1,
  description: 'Change the status, severity, assignee or tags of a case.',
  fields: [F.caseId, F.caseStatus, F.caseSeverity, F.assignee, F.tags],
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

/** Asking to set a value and to clear it at once is a mistake, named by both fields' labels. */
function clearOrSet(clear: boolean, set: unknown, clearField: FieldSpec, setField: FieldSpec) {
  if (clear && set !== undefined) {
    throw new InvalidInputError('this step', [
      { field: clearField.name, issue: `cannot be on while ${setField.label} is filled` },
    ]);
  }
}

/**
 * v2: Unassign and Remove All Tags clear what an empty field cannot (empty means "keep", in
 * both connectors, so a mapped value that happens to be empty never wipes a case).
 */
export const updateCase = defineOperation({
  ...common,
  version: 2,
  description: 'Change the status, severity, assignee or tags of a case, or clear them.',
  fields: [F.caseId, F.caseStatus, F.caseSeverity, F.assignee, F.unassign, F.tags, F.clearTags],
  async run(client, input) {
    const unassign = input.unassign === true;
    const clearTags = input.clear_tags === true;
    clearOrSet(unassign, input.assignee, F.unassign, F.assignee);
    const tags = commaList(input.tags);
    clearOrSet(clearTags, tags, F.clearTags, F.tags);
    const updated = await client.cases.update(input.case_id, {
      status: input.status,
      severity: input.severity,
      assignee: unassign ? null : input.assignee,
      tags: clearTags ? [] : tags,
    });
    return withSummary(updated, say.summarizeCase(updated));
  },
});
