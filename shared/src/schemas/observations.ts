import { z } from 'zod';
import { CaseId, DeviceId, ObservationId, Severity, TenantId, Timestamp } from './common';

export const ObservationSource = z.enum(['endpoint', 'network', 'identity', 'cloud', 'ai_agent']);

/**
 * One OCSF event. Only the base attributes every class shares are typed here; each class's own
 * required attributes are checked against the official schema by the sandbox's OCSF test.
 */
export const OcsfEvent = z
  .looseObject({
    class_uid: z.number().int(),
    category_uid: z.number().int(),
    activity_id: z.number().int(),
    type_uid: z.number().int(),
    time: z.number().int().describe('Event time, milliseconds since the Unix epoch.'),
    severity_id: z.number().int().min(0).max(99),
    metadata: z.looseObject({
      version: z.string(),
      product: z.looseObject({ name: z.string(), vendor_name: z.string() }),
    }),
    unmapped: z.looseObject({ senseon: z.record(z.string(), z.unknown()).optional() }).optional(),
  })
  .meta({ id: 'OcsfEvent' });
export type OcsfEvent = z.infer<typeof OcsfEvent>;

export const Observation = z
  .looseObject({
    id: ObservationId,
    observed_at: Timestamp,
    // Event time says when it happened; an agent that was offline uploads hours later. Feeds
    // read in the order the API stored observations, which no late upload can go back behind.
    ingested_at: Timestamp.describe(
      'When the API stored it. Never earlier than that of any observation of the tenant stored before it.',
    ),
    source: ObservationSource,
    severity: Severity,
    title: z.string(),
    device_id: DeviceId.nullable(),
    case_id: CaseId.nullable(),
    ocsf: OcsfEvent,
    tenant_id: TenantId,
  })
  .meta({ id: 'Observation' });
export type Observation = z.infer<typeof Observation>;

export const ObservationCreate = z
  .strictObject({
    observed_at: Timestamp.optional().describe('Defaults to now.'),
    source: ObservationSource,
    severity: Severity,
    title: z.string().min(1).max(500),
    device_id: DeviceId.nullable().optional(),
    case_id: CaseId.nullable().optional(),
    ocsf: OcsfEvent,
  })
  .meta({ id: 'ObservationCreate' });
export type ObservationCreate = z.infer<typeof ObservationCreate>;

export const ObservationBatchCreate = z
  .strictObject({ observations: z.array(ObservationCreate).min(1).max(1000) })
  .meta({ id: 'ObservationBatchCreate' });
export type ObservationBatchCreate = z.infer<typeof ObservationBatchCreate>;

export const ObservationBatchCreated = z
  .looseObject({ data: z.array(Observation) })
  .meta({ id: 'ObservationBatchCreated' });

export const ObservationFilters = z.strictObject({
  observed_after: Timestamp.optional(),
  observed_before: Timestamp.optional(),
  ingested_after: Timestamp.optional().describe(
    'Only observations stored after this time (exclusive): what a poller has not read yet.',
  ),
  device_id: DeviceId.optional(),
  case_id: CaseId.optional(),
  source: ObservationSource.optional(),
  class_uid: z.number().int().optional().describe('OCSF class, e.g. 2004 Detection Finding.'),
  min_severity: Severity.optional(),
  entity: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .describe('An IP address, file hash, domain or user name seen in the observation.'),
  sort: z
    .enum(['-observed_at', 'ingested_at', '-ingested_at'])
    .optional()
    .describe(
      '`-observed_at` (default) newest event first; `ingested_at` in the order the API stored them.',
    ),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).optional(),
});
export type ObservationFilters = z.infer<typeof ObservationFilters>;
