import {
  actionUpdateFeed,
  actionUpdateItem,
  F,
  type Action,
  type ActionUpdateItem,
} from '@senseon/client';
import { defineTrigger, type Bundle } from 'zapier-platform-core';
import { handled } from '../errors';
import { renderField } from '../fields/render';
import { ACTION } from '../samples/records';
import { ACTION_UPDATE_FIELDS } from '../samples/output-fields';
import { feedTrigger, triggersWhen } from './feed-trigger';
import { inList, listInput } from './filters';

const inputFields = [
  renderField(
    { ...F.actionStatus, type: 'multiOptions', default: 'pending_approval' },
    {
      help: 'Trigger only when an action reaches one of these states. The default, **Pending Approval**, fires on every new approval request: route it to chat, e-mail or a ticket so a human decides. Clear it to trigger on every update.',
    },
  ),
  renderField(
    { ...F.actionType, type: 'multiOptions', required: false },
    {
      help: 'Only these action types, e.g. isolate_device. Leave empty for every type.',
    },
  ),
];

const matches = (item: ActionUpdateItem, bundle: Bundle) =>
  inList(item.status, listInput(bundle.inputData.status)) &&
  inList(item.type, listInput(bundle.inputData.type));

const operations = feedTrigger(actionUpdateFeed, matches);

export default defineTrigger({
  key: 'action_update',
  noun: 'Response Action',
  display: {
    label: actionUpdateFeed.label,
    // The Zap's status filter defaults to pending approval; the description says so.
    description: `${triggersWhen(actionUpdateFeed)} By default, on every new approval request.`,
  },
  operation: {
    type: 'hook',
    inputFields,
    perform: handled(operations.perform, inputFields),
    performList: handled(operations.performList, inputFields),
    performSubscribe: handled(operations.performSubscribe, inputFields),
    performUnsubscribe: handled(operations.performUnsubscribe, inputFields),
    sample: actionUpdateItem(ACTION as unknown as Action),
    outputFields: ACTION_UPDATE_FIELDS,
  },
});
