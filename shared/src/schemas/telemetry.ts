import { z } from 'zod';
import { Actor, DeviceId, ObservationId, TenantId, Timestamp, prefixedId } from './common';
import { OcsfEvent } from './observations';

export const TelemetryEventId = prefixedId('tel');
export const HuntId = prefixedId('hunt');

/** The widest time range one telemetry read or hunt may cover. */
export const MAX_TELEMETRY_RANGE_DAYS = 7;
const MAX_RANGE_MS = MAX_TELEMETRY_RANGE_DAYS * 24 * 3_600_000;

/** The OCSF classes raw telemetry carries (detections are observations, not telemetry). */
export const TELEMETRY_CLASSES = {
  1001: 'File System Activity',
  1007: 'Process Activity',
  3002: 'Authentication',
  4001: 'Network Activity',
  4003: 'DNS Activity',
} as const;
export const TelemetryClassUid = z
  .number()
  .int()
  .pipe(z.literal([1001, 1007, 3002, 4001, 4003]))
  .describe(
    'OCSF class: 1001 File System, 1007 Process, 3002 Authentication, 4001 Network, 4003 DNS.',
  );

/**
 * Both ends required, `observed_after` before `observed_before`, at most seven days apart: a
 * raw read over the whole estate's history is what the seeds' 504 warns about.
 */
function checkRange(
  value: { observed_after: string; observed_before: string },
  ctx: z.RefinementCtx,
): void {
  const after = Date.parse(value.observed_after);
  const before = Date.parse(value.observed_before);
  if (!(after < before)) {
    ctx.addIssue({
      code: 'custom',
      path: ['observed_before'],
      message: 'must be later than observed_after',
    });
  } else if (before - after > MAX_RANGE_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['observed_before'],
      message: `must be at most ${MAX_TELEMETRY_RANGE_DAYS} days after observed_after`,
    });
  }
}

/** One raw (unenriched) OCSF event a device's agent reported. */
export const TelemetryEvent = z
  .looseObject({
    id: TelemetryEventId,
    time: Timestamp.describe('When it happened (the OCSF `time`, as RFC 3339).'),
    device_id: DeviceId,
    class_uid: z.number().int(),
    observation_id: ObservationId.nullable().describe(
      'The observation SenseOn drew from this event, or null: most telemetry is never one.',
    ),
    ocsf: OcsfEvent,
    tenant_id: TenantId,
  })
  .meta({ id: 'TelemetryEvent' });
export type TelemetryEvent = z.infer<typeof TelemetryEvent>;

export const TelemetryFilters = z
  .strictObject({
    observed_after: Timestamp.describe('Events after this time (exclusive). Required.'),
    observed_before: Timestamp.describe(
      'Events before this time (exclusive). Required; at most 7 days after `observed_after`.',
    ),
    device_id: DeviceId.optional(),
    class_uid: TelemetryClassUid.optional(),
    field: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/, 'must be an OCSF attribute path')
      .max(200)
      .optional()
      .describe('An OCSF attribute path, e.g. `query.hostname`; with `value`.'),
    value: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .describe('What `field` must equal (case-insensitive); with `field`.'),
    sort: z
      .enum(['-time', 'time'])
      .optional()
      .describe('`-time` (default) newest first; `time` oldest first.'),
    limit: z.number().int().min(1).max(1000).optional(),
    cursor: z.string().min(1).optional(),
  })
  .superRefine((value, ctx) => {
    checkRange(value, ctx);
    if ((value.field === undefined) !== (value.value === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.field === undefined ? 'field' : 'value'],
        message: 'field and value go together: give both or neither',
      });
    }
  });
export type TelemetryFilters = z.infer<typeof TelemetryFilters>;

export const HuntStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'timed_out']);
export type HuntStatus = z.infer<typeof HuntStatus>;

/** The statuses a hunt ends in; it never changes again. */
export const FINAL_HUNT_STATUSES: readonly HuntStatus[] = [
  'done',
  'failed',
  'cancelled',
  'timed_out',
];

export const HuntCreate = z
  .strictObject({
    query: z
      .string()
      .min(1)
      .max(4000)
      .describe(
        'OCSF attribute paths compared with `=`, `!=`, `contains`, `in (…)`, joined by `AND`, `OR`, `NOT` and parentheses.',
      ),
    observed_after: Timestamp,
    observed_before: Timestamp.describe('At most 7 days after `observed_after`.'),
    device_ids: z
      .array(DeviceId)
      .min(1)
      .max(1000)
      .optional()
      .describe('Only these devices; every device of the tenant when absent.'),
  })
  .superRefine(checkRange)
  .meta({ id: 'HuntCreate' });
export type HuntCreate = z.infer<typeof HuntCreate>;

export const Hunt = z
  .looseObject({
    id: HuntId,
    query: z.string(),
    observed_after: Timestamp,
    observed_before: Timestamp,
    device_ids: z.array(DeviceId).nullable(),
    status: HuntStatus,
    scanned_count: z.number().int().min(0).describe('Events examined so far.'),
    result_count: z.number().int().min(0).describe('Events matched so far.'),
    truncated: z
      .boolean()
      .describe('True when the hunt stopped keeping results at the 10,000 limit.'),
    error: z
      .looseObject({ code: z.string(), message: z.string() })
      .nullable()
      .describe(
        'Why a hunt failed or timed out (`GATEWAY_TIMEOUT`: a database query timed out — try a more specific query); else null.',
      ),
    requested_by: Actor,
    created_at: Timestamp,
    started_at: Timestamp.nullable(),
    finished_at: Timestamp.nullable(),
    tenant_id: TenantId,
  })
  .meta({ id: 'Hunt' });
export type Hunt = z.infer<typeof Hunt>;
