import {
  CaseStatus,
  optionLabel,
  updatedCaseFeed,
  updatedCaseItem,
  type Case,
  type UpdatedCaseItem,
} from '@senseon/client';
import { defineTrigger, type Bundle, type PlainInputField } from 'zapier-platform-core';
import { copyOf, displayOf } from '../copy';
import { handled } from '../errors';
import { CASE } from '../samples/records';
import { CASE_UPDATE_FIELDS } from '../samples/output-fields';
import { feedTrigger } from './feed-trigger';
import { inList, listInput } from './filters';

/**
 * What a Zap on Updated Case is about. Zapier asks apps not to ship a catch-all "something
 * changed" trigger, so the Zap names the changes it wants: each case change is its own item
 * (from the feed), kept when it changed one of them.
 */
export const CASE_CHANGE_KINDS = ['status', 'severity', 'assignee', 'tags', 'comment'] as const;

const inputFields: PlainInputField[] = [
  {
    key: 'changes',
    label: 'Trigger On',
    type: 'string',
    list: true,
    required: true,
    choices: CASE_CHANGE_KINDS.map((value) => ({
      value,
      sample: value,
      label: optionLabel(value),
    })),
    helpText:
      'The changes that start the Zap: a new status, severity, assignee or tags, or a new comment. Pick one or more.',
  },
  {
    key: 'new_status',
    label: 'New Status',
    type: 'string',
    list: true,
    required: false,
    choices: CaseStatus.options.map((value) => ({
      value,
      sample: value,
      label: optionLabel(value),
    })),
    helpText:
      'With **Status** above: only when the case moves to one of these statuses, such as Resolved. Leave empty for any status.',
  },
];

/** The kinds of change an item carries: the fields it changed, or "comment". */
function kindsOf(item: UpdatedCaseItem): string[] {
  return item.comment ? ['comment'] : Object.keys(item.changes ?? {});
}

/**
 * Kept when it changed one of the chosen kinds. A Zap saved before the field existed has none
 * chosen and keeps every change, as it did. An update whose fields could not be read (a token
 * without `trace:read`, by poll) is kept only by a Zap that watches every kind of update.
 */
export function matchesChange(item: UpdatedCaseItem, bundle: Pick<Bundle, 'inputData'>): boolean {
  const wanted = listInput(bundle.inputData.changes);
  const kinds = kindsOf(item);
  if (wanted.length > 0) {
    const unknownUpdate = kinds.length === 0 && !item.comment;
    const everyUpdate = CASE_CHANGE_KINDS.every((k) => k === 'comment' || wanted.includes(k));
    if (unknownUpdate ? !everyUpdate : !kinds.some((k) => wanted.includes(k))) return false;
  }
  const statuses = listInput(bundle.inputData.new_status);
  if (statuses.length === 0 || !kinds.includes('status')) return true;
  return inList(String(item.changes?.status?.to ?? ''), statuses);
}

const operations = feedTrigger(updatedCaseFeed, matchesChange);

export default defineTrigger({
  key: 'updated_case',
  noun: copyOf('updated_case').noun,
  display: displayOf('updated_case'),
  operation: {
    type: 'hook',
    inputFields,
    perform: handled(operations.perform, inputFields),
    performList: handled(operations.performList, inputFields),
    performSubscribe: handled(operations.performSubscribe, inputFields),
    performUnsubscribe: handled(operations.performUnsubscribe, inputFields),
    sample: updatedCaseItem(CASE as unknown as Case, {
      event_id: 'evt_2b7f4c1e9a0d4e5f8a6b3c2d1e0f9a8b',
      at: CASE.updated_at,
      kind: 'update',
      by: 'maria.lopez@acme.example',
      changes: { status: { from: 'open', to: 'investigating' } },
      comment: null,
    }),
    outputFields: CASE_UPDATE_FIELDS,
  },
});
