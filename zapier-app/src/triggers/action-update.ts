import {
  actionUpdateFeed,
  actionUpdateItem,
  F,
  type Action,
  type ActionUpdateItem,
} from '@senseon/client';
import { defineTrigger, type Bundle } from 'zapier-platform-core';
import { copyOf, displayOf } from '../copy';
import { handled } from '../errors';
import { renderField } from '../fields/render';
import { ACTION } from '../samples/records';
import { ACTION_UPDATE_FIELDS } from '../samples/output-fields';
import { feedTrigger } from './feed-trigger';
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
  noun: copyOf('action_update').noun,
  display: displayOf('action_update'),
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
