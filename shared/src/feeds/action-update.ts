import { Action } from '../schemas/actions';
import { summarizeAction } from '../summaries';
import type { EventFeed, FeedClient } from './feed';

/**
 * One state of one response action. `id` is the action and its status, so every transition
 * (requested, approved, completed…) is a new item while a re-delivery of the same one is not;
 * `action_id` is the action. The callback secret never reaches a trigger's output.
 */
export type ActionUpdateItem = Action & { action_id: string; summary: string };

const actionKey = (actionId: string, status: string) => `${actionId}:${status}`;

export function actionUpdateItem(action: Action): ActionUpdateItem {
  const { callback_secret: _secret, ...visible } = action;
  return {
    ...visible,
    id: actionKey(action.id, action.status),
    action_id: action.id,
    summary: summarizeAction(action),
  };
}

const ms = (iso: string) => Date.parse(iso);

/**
 * The action list cannot be filtered by update time and comes newest-created first. An action
 * changes only while it lives: pending at most 7 days (the longest approval window), then it
 * runs at once. So actions created more than 8 days before the window cannot have changed.
 */
const ACTION_LIFETIME_MS = 8 * 24 * 3600_000;

async function* actionsChangedSince(client: FeedClient, sinceMs: number) {
  for await (const action of client.actions.list({ limit: 1000 })) {
    if (ms(action.created_at) < sinceMs - ACTION_LIFETIME_MS) return;
    if (ms(action.updated_at) >= sinceMs) yield actionUpdateItem(action);
  }
}

export const actionUpdateFeed: EventFeed<ActionUpdateItem> = {
  key: 'actionUpdate',
  label: 'Response Action Update',
  description: 'A response action was requested, approved, rejected, completed, failed or expired.',
  events: [
    'action.requested',
    'action.approved',
    'action.rejected',
    'action.completed',
    'action.failed',
    'action.expired',
  ],
  zapier: { key: 'action_update' },
  poll: {
    order: 'updated_at',
    lookbackMs: 0,
    since: actionsChangedSince,
    async newest(client, limit) {
      // Newest-created first from the API; the latest change first here.
      const actions = await client.actions.list({ limit: 1000 }).collect({ limit: 1000 });
      return actions
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
        .slice(0, limit)
        .map(actionUpdateItem);
    },
  },
  async fromEvent(event) {
    if (!event.type.startsWith('action.')) return null;
    return actionUpdateItem(Action.parse(event.data));
  },
  dedupeKey: (item) => actionKey(item.action_id, item.status),
  at: (item) => item.updated_at,
  summary: (item) => summarizeAction({ ...item, id: item.action_id }),
};
