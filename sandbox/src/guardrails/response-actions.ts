import {
  CALLBACK_EVENTS,
  generateWebhookSecret,
  type Action,
  type ActionApprove,
  type ActionReject,
  type ActionRequest,
  type Case,
  type Origin,
} from '@senseon/client';
import type { StoredAction } from '../db/actions';
import { actorOf, POLICY_ACTOR, type Caller } from '../auth/caller';
import { originRefused, undeclaredOrigin } from '../auth/origins';
import { ApiError, notFound } from '../http/errors';
import { newId } from '../ids';
import { decidePolicy } from './policy';
import { resolveTarget } from './eligibility';
import { emitActionEvent, type GuardrailsDeps } from './context';
import type { ActionLifecycle } from './lifecycle';
import { consoleLink } from '../console-link';

const DEFAULT_EXPIRES_IN_S = 3600;

/**
 * Requests and decisions on response actions, under the Guardrails policy. Every request,
 * decision and refusal lands in the case's DecisionTrace; a refusal is recorded in its own
 * transaction before the error is answered, so the ledger keeps it.
 */
export class ResponseActions {
  constructor(
    private readonly deps: GuardrailsDeps,
    private readonly lifecycle: ActionLifecycle,
  ) {}

  request(caller: Caller, caseRecord: Case, body: ActionRequest): Action {
    const { db, repos, clock, trace, events } = this.deps;
    const origin: Origin = body.origin ?? undeclaredOrigin(caller.token);
    if (!caller.token.origins.includes(origin)) {
      // Traced as the token's own origin: the one it declared is the lie being refused.
      const error = originRefused(caller, origin);
      this.recordRefusal(
        caller.tenantId,
        caseRecord.id,
        actorOf(caller, undeclaredOrigin(caller.token)),
        'action.request_refused',
        {
          type: body.type,
          target: body.target,
          status: error.status,
          code: error.code,
          reason: 'origin_not_allowed',
          declared_origin: origin,
        },
      );
      throw error;
    }
    const actor = actorOf(caller, origin);
    let resolved;
    try {
      resolved = resolveTarget(repos, caller.tenantId, caseRecord, body.type, body.target);
    } catch (error) {
      if (error instanceof ApiError) {
        this.recordRefusal(caller.tenantId, caseRecord.id, actor, 'action.request_refused', {
          type: body.type,
          target: body.target,
          status: error.status,
          code: error.code,
          reason: error.message,
        });
      }
      throw error;
    }
    const policy = decidePolicy(body.type, origin, resolved.script);
    const nowMs = clock.now();
    const now = clock.iso(nowMs);
    const callbackSecret = body.callback_url ? generateWebhookSecret() : null;
    const id = newId('act');
    const action: StoredAction = {
      id,
      url: consoleLink('action', id),
      case_id: caseRecord.id,
      type: body.type,
      target: body.target,
      status: policy.requiresApproval ? 'pending_approval' : 'approved',
      requires_approval: policy.requiresApproval,
      policy: { rule: policy.rule, reason: policy.reason },
      requested_by: actor,
      justification: body.justification,
      callback_url: body.callback_url ?? null,
      ...(body.callback_url
        ? { callback_events: [...new Set(body.callback_events ?? CALLBACK_EVENTS)] }
        : {}),
      decided_by: policy.requiresApproval ? null : POLICY_ACTOR,
      decided_at: policy.requiresApproval ? null : now,
      decision_comment: policy.requiresApproval
        ? null
        : `Approved by the Guardrails policy (${policy.rule}).`,
      result: null,
      created_at: now,
      updated_at: now,
      expires_at: clock.iso(nowMs + (body.expires_in ?? DEFAULT_EXPIRES_IN_S) * 1000),
      tenant_id: caller.tenantId,
    };
    db.transaction(() => {
      repos.actions.insert(action, callbackSecret);
      trace.append({
        tenantId: caller.tenantId,
        caseId: caseRecord.id,
        actor,
        event: 'action.requested',
        details: {
          action_id: action.id,
          type: action.type,
          target: action.target,
          justification: action.justification,
          requires_approval: action.requires_approval,
          policy: action.policy,
          expires_at: action.expires_at,
          callback: action.callback_url !== null,
        },
      });
      events.emit(caller.tenantId, 'action.requested', action);
      if (!policy.requiresApproval) {
        trace.append({
          tenantId: caller.tenantId,
          caseId: caseRecord.id,
          actor: POLICY_ACTOR,
          event: 'action.approved',
          details: { action_id: action.id, rule: policy.rule, reason: policy.reason },
        });
        emitActionEvent(this.deps, action);
      }
    });
    if (!policy.requiresApproval) this.lifecycle.approved(action.id);
    else this.lifecycle.scheduleExpiry();
    return callbackSecret ? { ...action, callback_secret: callbackSecret } : action;
  }

  approve(caller: Caller, actionId: string, body: ActionApprove): StoredAction {
    const action = this.pendingForDecision(caller, actionId, 'approve');
    this.requireHuman(caller, action, 'approve', body.origin);
    const actor = actorOf(caller, 'human');
    if (action.requested_by.principal === caller.principal) {
      this.refuse(
        caller,
        action,
        'approve',
        'self_approval',
        new ApiError(
          'FORBIDDEN',
          'You requested this action, so someone else must approve it (four-eyes rule).',
          [{ field: 'approver', issue: 'is the requester of the action' }],
        ),
      );
    }
    if (action.type === 'isolate_device' && !caller.scopes.has('actions:approve_critical')) {
      const device = this.deps.repos.devices.get(
        action.tenant_id,
        action.target.device_id as string,
      );
      if (device?.criticality === 'crown_jewel') {
        this.refuse(
          caller,
          action,
          'approve',
          'step_up_required',
          new ApiError(
            'STEP_UP_REQUIRED',
            `${device.hostname} is a crown-jewel device: approving its isolation needs step-up authentication, a token with the scope actions:approve_critical.`,
            [
              {
                field: 'scope',
                issue: 'actions:approve_critical is required for crown_jewel devices',
              },
            ],
          ),
        );
      }
    }
    const decided = this.decide(action, 'approved', actor, body.approver, body.comment ?? null);
    this.lifecycle.approved(action.id);
    return decided;
  }

  reject(caller: Caller, actionId: string, body: ActionReject): StoredAction {
    const action = this.pendingForDecision(caller, actionId, 'reject');
    this.requireHuman(caller, action, 'reject', body.origin);
    return this.decide(action, 'rejected', actorOf(caller, 'human'), body.approver, body.reason);
  }

  private pendingForDecision(
    caller: Caller,
    actionId: string,
    attempt: 'approve' | 'reject',
  ): StoredAction {
    // Expire first: a decision that arrives after expires_at must see the action as expired.
    this.lifecycle.expireDue();
    const action = this.deps.repos.actions.get(caller.tenantId, actionId);
    if (!action) throw notFound('INVALID_ACTION_ID', 'action_id', actionId, 'action');
    if (action.status !== 'pending_approval') {
      this.refuse(
        caller,
        action,
        attempt,
        'not_pending',
        new ApiError(
          'CONFLICT',
          `Action ${action.id} is ${action.status}; only an action pending approval can be decided.`,
          [{ field: 'action_id', issue: `is ${action.status}, not pending_approval` }],
        ),
      );
    }
    return action;
  }

  /**
   * A decision is a person's: a token that may not act as human (an agent's) cannot take one,
   * and neither can a call that says it is not a person's (an agent using a connector with a
   * token that people also use declares `agent`), whatever the token may do.
   */
  private requireHuman(
    caller: Caller,
    action: StoredAction,
    attempt: 'approve' | 'reject',
    declared: Origin = 'human',
  ): void {
    if (declared !== 'human') {
      this.refuse(
        caller,
        action,
        attempt,
        'origin_not_allowed',
        new ApiError(
          'FORBIDDEN',
          `Only a person can ${attempt} a response action; this ${attempt === 'approve' ? 'approval' : 'rejection'} was declared as ${declared}. A human must decide it in SenseOn.`,
          [{ field: 'origin', issue: `${declared} may not decide; only human may` }],
        ),
        { declared_origin: declared },
      );
    }
    if (caller.token.origins.includes('human')) return;
    this.refuse(caller, action, attempt, 'origin_not_allowed', originRefused(caller, 'human'));
  }

  private decide(
    action: StoredAction,
    status: 'approved' | 'rejected',
    actor: { principal: string; origin: Origin },
    approverName: string | undefined,
    comment: string | null,
  ): StoredAction {
    const { db, repos, clock, trace } = this.deps;
    const now = clock.iso();
    const decided: StoredAction = {
      ...action,
      status,
      decided_by: approverName ? { ...actor, name: approverName } : actor,
      decided_at: now,
      decision_comment: comment,
      updated_at: now,
    };
    db.transaction(() => {
      repos.actions.save(decided);
      trace.append({
        tenantId: action.tenant_id,
        caseId: action.case_id,
        actor: decided.decided_by ?? actor,
        event: `action.${status}`,
        details: { action_id: action.id, type: action.type, target: action.target, comment },
      });
      emitActionEvent(this.deps, decided);
    });
    return decided;
  }

  private refuse(
    caller: Caller,
    action: StoredAction,
    attempt: 'request' | 'approve' | 'reject',
    reason: string,
    error: ApiError,
    extra: Record<string, unknown> = {},
  ): never {
    this.recordRefusal(
      action.tenant_id,
      action.case_id,
      // A decision is taken as a person; a token that cannot be one is traced as what it is.
      actorOf(
        caller,
        caller.token.origins.includes('human') ? 'human' : undeclaredOrigin(caller.token),
      ),
      refusalEvent(attempt),
      {
        action_id: action.id,
        type: action.type,
        status: error.status,
        code: error.code,
        reason,
        ...extra,
      },
    );
    throw error;
  }

  private recordRefusal(
    tenantId: string,
    caseId: string,
    actor: { principal: string; origin: Origin },
    event: string,
    details: Record<string, unknown>,
  ): void {
    this.deps.db.transaction(() => {
      this.deps.trace.append({ tenantId, caseId, actor, event, details });
    });
  }
}

function refusalEvent(attempt: 'request' | 'approve' | 'reject'): string {
  return attempt === 'request'
    ? 'action.request_refused'
    : attempt === 'approve'
      ? 'action.approval_refused'
      : 'action.rejection_refused';
}
