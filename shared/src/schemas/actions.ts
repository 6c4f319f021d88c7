import { z } from 'zod';
import { ActionId, Actor, CaseId, Origin, TenantId, Timestamp } from './common';
import { ActionTarget, ActionType, TARGET_FIELD } from './action-types';
import { ScriptDeviceResult } from './scripts';

export const ActionStatus = z.enum([
  'pending_approval',
  'approved',
  'rejected',
  'expired',
  'executing',
  'completed',
  'failed',
  'cancelled',
]);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** States after which nothing more happens to an action. */
export const FINAL_ACTION_STATUSES: readonly ActionStatus[] = [
  'rejected',
  'expired',
  'completed',
  'failed',
  'cancelled',
];

/** The events an action's `callback_url` may receive: its decision, its expiry, its result. */
export const CALLBACK_EVENTS = [
  'action.approved',
  'action.rejected',
  'action.expired',
  'action.completed',
  'action.failed',
] as const;
export const CallbackEvent = z.enum(CALLBACK_EVENTS);

/** What a connector that waits for a decision needs: nothing after the decision is sent. */
export const DECISION_CALLBACK_EVENTS: (typeof CALLBACK_EVENTS)[number][] = [
  'action.approved',
  'action.rejected',
  'action.expired',
];

export const Action = z
  .looseObject({
    id: ActionId,
    case_id: CaseId,
    type: ActionType,
    target: ActionTarget,
    status: ActionStatus,
    requires_approval: z.boolean(),
    policy: z.looseObject({ rule: z.string(), reason: z.string() }),
    requested_by: Actor,
    justification: z.string(),
    callback_url: z.string().nullable(),
    callback_events: z
      .array(CallbackEvent)
      .optional()
      .describe('With a callback_url: the events it receives (default all five).'),
    callback_secret: z
      .string()
      .regex(/^whsec_/)
      .optional()
      .describe(
        'Only in the answer to the request, when a callback_url was given: the secret that signs the callbacks (Standard Webhooks). Shown once.',
      ),
    decided_by: Actor.nullable(),
    decided_at: Timestamp.nullable(),
    decision_comment: z.string().nullable(),
    result: z
      .looseObject({
        outcome: z.enum(['completed', 'failed']),
        message: z.string(),
        devices: z
          .array(ScriptDeviceResult)
          .optional()
          .describe('run_script only: what each device answered.'),
      })
      .nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    expires_at: Timestamp,
    url: z
      .url()
      .optional()
      .describe("A link to the response action in SenseOn's console, for a person to open."),
    tenant_id: TenantId,
  })
  .meta({ id: 'Action' });
export type Action = z.infer<typeof Action>;

export const ActionRequest = z
  .strictObject({
    type: ActionType,
    target: ActionTarget,
    justification: z
      .string()
      .min(1)
      .max(2000)
      .describe('Why this action is needed; shown to the approver and kept in the DecisionTrace.'),
    origin: Origin.optional().describe(
      "Who is asking: human, automation or agent; it must be one of the origins of the token (else 403 naming `origin`). Default: automation when the token may use it, else the token's first origin.",
    ),
    callback_url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('Receives the signed decision and the result.'),
    callback_events: z
      .array(CallbackEvent)
      .min(1)
      .optional()
      .describe(
        'Which events the callback_url receives (default all). A receiver that only waits for the decision asks for approved, rejected and expired: a resume URL that no longer waits would refuse the result.',
      ),
    expires_in: z
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .optional()
      .describe('Seconds a pending approval stays open (default 3600).'),
  })
  .superRefine((req, ctx) => {
    if (req.callback_events && !req.callback_url) {
      ctx.addIssue({
        code: 'custom',
        path: ['callback_events'],
        message: 'callback_events needs a callback_url',
      });
    }
    const field = TARGET_FIELD[req.type];
    if (field && req.target[field] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['target', field],
        message: `${req.type} needs target.${field}`,
      });
    }
    if (req.type === 'run_script' && req.target.device_ids === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'device_ids'],
        message: 'run_script needs target.device_ids',
      });
    }
  })
  .meta({ id: 'ActionRequest' });
export type ActionRequest = z.input<typeof ActionRequest>;

export const ActionApprove = z
  .strictObject({
    approver: z.string().min(1).max(200).optional().describe('Name shown with the decision.'),
    comment: z.string().max(2000).optional(),
    origin: Origin.optional().describe(
      'Who decides. Only `human` may: a decision declared as `automation` or `agent` (an AI agent deciding through a connector) is refused 403 naming `origin`, and traced. Default: human.',
    ),
  })
  .meta({ id: 'ActionApprove' });
export type ActionApprove = z.infer<typeof ActionApprove>;

export const ActionReject = z
  .strictObject({
    approver: z.string().min(1).max(200).optional(),
    reason: z.string().min(1).max(2000).describe('Why the action must not run.'),
    origin: Origin.optional().describe(
      'Who decides. Only `human` may: a decision declared as `automation` or `agent` (an AI agent deciding through a connector) is refused 403 naming `origin`, and traced. Default: human.',
    ),
  })
  .meta({ id: 'ActionReject' });
export type ActionReject = z.infer<typeof ActionReject>;

export const ActionFilters = z.strictObject({
  status: ActionStatus.optional(),
  type: ActionType.optional(),
  case_id: CaseId.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).optional(),
});
export type ActionFilters = z.infer<typeof ActionFilters>;
