import { z } from 'zod';
import { Actor, DeliveryId, EventId, TenantId, Timestamp, WebhookId } from './common';

export const EVENT_TYPES = [
  'case.created',
  'case.updated',
  'case.comment_added',
  'observation.created',
  'device.updated',
  'action.requested',
  'action.approved',
  'action.rejected',
  'action.expired',
  'action.completed',
  'action.failed',
  'summary.generated',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** One field an update changed: its value before and after. */
export const FieldChange = z
  .object({ from: z.unknown(), to: z.unknown() })
  .meta({ id: 'FieldChange' });
export type FieldChange = z.infer<typeof FieldChange>;

/** `{status: {from: "open", to: "investigating"}}`: every field one update changed. */
export const CaseChanges = z.record(z.string(), FieldChange).meta({ id: 'CaseChanges' });
export type CaseChanges = z.infer<typeof CaseChanges>;

export const WebhookEvent = z
  .looseObject({
    id: EventId,
    type: EventType,
    created_at: Timestamp,
    tenant_id: TenantId,
    data: z.record(z.string(), z.unknown()),
    // Like Stripe's `previous_attributes`: the sender knows what it changed, so no receiver has
    // to reconstruct it from the history.
    changes: CaseChanges.optional().describe(
      '`case.updated` only: each field the update changed (status, severity, assignee, tags…) as `{from, to}`.',
    ),
    actor: Actor.optional().describe('`case.updated` only: who made the change.'),
  })
  .meta({ id: 'WebhookEvent' });
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const Webhook = z
  .looseObject({
    id: WebhookId,
    url: z.string(),
    events: z.array(EventType),
    description: z.string(),
    status: z.enum(['active', 'disabled']),
    disabled_reason: z.string().nullable(),
    created_at: Timestamp,
    tenant_id: TenantId,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const WebhookCreated = Webhook.extend({
  secret: z
    .string()
    .regex(/^whsec_/)
    .describe('Signing secret; shown only once.'),
}).meta({ id: 'WebhookCreated' });
export type WebhookCreated = z.infer<typeof WebhookCreated>;

export const WebhookCreate = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }),
    events: z.array(EventType).min(1),
    description: z.string().max(500).optional(),
  })
  .meta({ id: 'WebhookCreate' });
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const DeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);

export const Delivery = z
  .looseObject({
    id: DeliveryId,
    webhook_id: WebhookId,
    event_id: EventId,
    event_type: EventType,
    status: DeliveryStatus,
    attempts: z.number().int().min(0),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof Delivery>;

/**
 * The events `GET /events` lists: those about cases and response actions, which `cases:read`
 * may read. Observations have their own ordered list (`GET /observations?sort=ingested_at`).
 */
export const LISTED_EVENT_TYPES = [
  'case.created',
  'case.updated',
  'case.comment_added',
  'action.requested',
  'action.approved',
  'action.rejected',
  'action.expired',
  'action.completed',
  'action.failed',
] as const satisfies readonly EventType[];

/**
 * `GET /events`: the tenant's events in the order the API emitted them, so a poller reads every
 * change (two updates of one case are two events) without a webhook.
 */
export const EventFilters = z.strictObject({
  type: z
    .array(z.enum(LISTED_EVENT_TYPES))
    .optional()
    .describe('Only events of these types (repeatable). Default: every listed type.'),
  created_after: Timestamp.optional().describe(
    'Only events emitted after this time (exclusive): what a poller has not read yet.',
  ),
  sort: z
    .enum(['created_at', '-created_at'])
    .optional()
    .describe('`created_at` (default) in the order emitted; `-created_at` the latest first.'),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).optional(),
});
export type EventFilters = z.infer<typeof EventFilters>;

/**
 * Receipt state SenseOn keeps for its receivers: a receiver that runs as several processes (n8n
 * in queue mode) claims each event before starting anything, and exactly one claim is first.
 */
export const EventClaimCreate = z
  .strictObject({
    event_id: EventId.describe('The `webhook-id` of the delivery being received.'),
    attempt_id: z
      .string()
      .regex(/^att_[A-Za-z0-9]{8,64}$/)
      .optional()
      .describe(
        "The delivery's `X-SenseOn-Delivery-Attempt`: when the receiver then answers that attempt with a 5xx, SenseOn gives the claim back before it delivers again.",
      ),
  })
  .meta({ id: 'EventClaimCreate' });
export type EventClaimCreate = z.infer<typeof EventClaimCreate>;

export const EventClaim = z
  .looseObject({
    webhook_id: WebhookId,
    event_id: EventId,
    first: z
      .boolean()
      .describe('True for the one claim that got the event; false when it was claimed before.'),
    claimed_at: Timestamp.describe('When the event was first claimed.'),
  })
  .meta({ id: 'EventClaim' });
export type EventClaim = z.infer<typeof EventClaim>;
