import { updatedCaseFeed, updatedCaseItem, type Case } from '@senseon/client';
import { defineTrigger } from 'zapier-platform-core';
import { handled } from '../errors';
import { CASE } from '../samples/records';
import { CASE_UPDATE_FIELDS } from '../samples/output-fields';
import { feedTrigger, triggersWhen } from './feed-trigger';

const operations = feedTrigger(updatedCaseFeed);

export default defineTrigger({
  key: 'updated_case',
  noun: 'Case Update',
  display: {
    label: updatedCaseFeed.label,
    description: `${triggersWhen(updatedCaseFeed)} Each change is its own item.`,
  },
  operation: {
    type: 'hook',
    perform: handled(operations.perform),
    performList: handled(operations.performList),
    performSubscribe: handled(operations.performSubscribe),
    performUnsubscribe: handled(operations.performUnsubscribe),
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
