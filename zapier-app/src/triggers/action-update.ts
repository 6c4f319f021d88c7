import { F, summarizeAction, TRIGGERS, type Action } from '@senseon/client';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { clientFor } from '../client';
import { handled } from '../errors';
import { renderField } from '../fields/render';
import { ACTION } from '../samples/records';
import { ACTION_UPDATE_FIELDS } from '../samples/output-fields';
import { inList, listInput } from './filters';
import { pollLimit } from './poll';
import { verifiedEvent } from '../webhooks/signed-request';
import { restHookLifecycle, subscriptionSecret } from './rest-hook';

const spec = TRIGGERS.find((t) => t.key === 'actionUpdate')!;

const inputFields = [
  renderField(
    { ...F.actionStatus, type: 'multiOptions', default: 'pending_approval' },
    {
      help: 'Trigger only when an action reaches one of these states. The default, **Pending approval**, fires on every new approval request: route it to chat, e-mail or a ticket so a human decides. Clear it to trigger on every update.',
    },
  ),
  renderField(
    { ...F.actionType, type: 'multiOptions', required: false },
    {
      help: 'Only these action types, e.g. isolate_device. Leave empty for every type.',
    },
  ),
];

interface ActionFilters {
  status: string[];
  type: string[];
}

const filtersOf = (bundle: Bundle): ActionFilters => ({
  status: listInput(bundle.inputData.status),
  type: listInput(bundle.inputData.type),
});

const matches = (action: Action, filters: ActionFilters) =>
  inList(action.status, filters.status) && inList(action.type, filters.type);

/**
 * One state of one action. `id` is the action and its status, so every transition (requested,
 * approved, completed…) is a new item for Zapier's dedupe while a re-delivery of the same one is
 * not, whether it came by webhook or by poll.
 */
export const actionUpdateItem = (action: Action) => {
  const { callback_secret: _secret, ...visible } = action;
  return {
    ...visible,
    id: `${action.id}:${action.status}`,
    action_id: action.id,
    summary: summarizeAction(action),
  };
};

/** Poll: recent actions in the chosen states, the latest change first. */
async function performList(z: ZObject, bundle: Bundle) {
  const filters = filtersOf(bundle);
  const client = clientFor(z, bundle);
  const limit = pollLimit(bundle);
  // The API filters one status and one type per call; several of either are filtered here.
  const actions = await client.actions
    .list({
      status: filters.status.length === 1 ? (filters.status[0] as Action['status']) : undefined,
      type: filters.type.length === 1 ? (filters.type[0] as Action['type']) : undefined,
      limit,
    })
    .collect({ limit });
  return actions
    .filter((a) => matches(a, filters))
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
    .map(actionUpdateItem);
}

/** Hook: a verified `action.*` delivery, kept if the action's new state passes the filters. */
async function perform(_z: ZObject, bundle: Bundle) {
  const event = verifiedEvent(bundle, subscriptionSecret(bundle));
  if (!event.type.startsWith('action.')) return [];
  const action = event.data as unknown as Action;
  return matches(action, filtersOf(bundle)) ? [actionUpdateItem(action)] : [];
}

const lifecycle = restHookLifecycle(spec.events, spec.label);

export default defineTrigger({
  key: 'action_update',
  noun: 'Response Action',
  display: {
    label: spec.label,
    description:
      'Triggers when a response action is requested, approved, rejected, completed, failed or expires. By default, on every new approval request.',
  },
  operation: {
    type: 'hook',
    inputFields,
    perform: handled(perform, inputFields),
    performList: handled(performList, inputFields),
    performSubscribe: handled(lifecycle.performSubscribe, inputFields),
    performUnsubscribe: handled(lifecycle.performUnsubscribe, inputFields),
    sample: actionUpdateItem(ACTION as unknown as Action),
    outputFields: ACTION_UPDATE_FIELDS,
  },
});
