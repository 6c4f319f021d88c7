import type { SandboxClock } from '../clock';
import type { SandboxDatabase } from '../db/database';
import type { Repositories } from '../db/repositories';
import type { StoredAction } from '../db/actions';
import type { Logger } from '../logger';
import type { DecisionTrace } from '../trace/ledger';
import type { EventPublisher } from '../webhooks/events';
import type { ActionStatus, EventType } from '@senseon/client';

export interface GuardrailsDeps {
  db: SandboxDatabase;
  repos: Repositories;
  clock: SandboxClock;
  trace: DecisionTrace;
  events: EventPublisher;
  log: Logger;
  /** How long an approved action takes to run (the agent applying it). */
  executionMs: number;
}

/** The webhook event each status change reports. */
export const EVENT_OF_STATUS: Partial<Record<ActionStatus, EventType>> = {
  approved: 'action.approved',
  rejected: 'action.rejected',
  expired: 'action.expired',
  completed: 'action.completed',
  failed: 'action.failed',
};

/**
 * Emits the event of an action's new status: to subscriptions, and to the action's own
 * callback_url when it has one (decisions, expiry and results; not the request itself).
 */
export function emitActionEvent(deps: GuardrailsDeps, action: StoredAction): void {
  const type = EVENT_OF_STATUS[action.status];
  if (!type) return;
  // Only what the requester asked its callback to receive: a waiting step that has resumed
  // no longer wants the result, and would answer it 409 on every retry.
  const wanted =
    action.callback_url !== null &&
    (action.callback_events === undefined ||
      (action.callback_events as readonly string[]).includes(type));
  deps.events.emit(action.tenant_id, type, action, {
    callback: wanted ? { actionId: action.id, url: action.callback_url! } : undefined,
  });
}
