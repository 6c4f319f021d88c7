import { z } from 'zod';
import { DeliveryId, EventId, TenantId, Timestamp, WebhookId } from './common';

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

export const WebhookEvent = z
  .looseObject({
    id: EventId,
    type: EventType,
    created_at: Timestamp,
    tenant_id: TenantId,
    data: z.record(z.string(), z.unknown()),
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
