import { F, newCaseFeed, newCaseItem, type Case, type NewCaseItem } from '@senseon/client';
import { defineTrigger, type Bundle } from 'zapier-platform-core';
import { copyOf, displayOf } from '../copy';
import { handled } from '../errors';
import { renderFields } from '../fields/render';
import { CASE } from '../samples/records';
import { CASE_FIELDS } from '../samples/output-fields';
import { feedTrigger } from './feed-trigger';
import { atLeastSeverity, inList, listInput, textInput } from './filters';

const inputFields = renderFields([F.minSeverity, F.statusFilter], {
  min_severity: {
    help: 'Only cases opened at this severity or above. Leave empty for every case.',
  },
  status: {
    help: 'Only cases in these statuses when they arrive. Leave empty for every new case.',
  },
});

function matches(item: NewCaseItem, bundle: Bundle): boolean {
  return (
    atLeastSeverity(item.severity, textInput(bundle.inputData.min_severity)) &&
    inList(item.status, listInput(bundle.inputData.status))
  );
}

const operations = feedTrigger(newCaseFeed, matches);

export default defineTrigger({
  key: 'new_case',
  noun: copyOf('new_case').noun,
  display: displayOf('new_case'),
  operation: {
    type: 'hook',
    inputFields,
    perform: handled(operations.perform, inputFields),
    performList: handled(operations.performList, inputFields),
    performSubscribe: handled(operations.performSubscribe, inputFields),
    performUnsubscribe: handled(operations.performUnsubscribe, inputFields),
    sample: newCaseItem(CASE as unknown as Case),
    outputFields: CASE_FIELDS,
  },
});
