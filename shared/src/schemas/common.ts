import { z } from 'zod';

/** RFC 3339 timestamps. The server always answers in UTC; clients may send an offset. */
export const Timestamp = z.iso.datetime({ offset: true });

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'informational']);
export type Severity = z.infer<typeof Severity>;

/** Lowest first, so `min_severity` filters compare ranks. */
export const SEVERITY_RANK: Record<Severity, number> = {
  informational: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

export const Origin = z.enum(['human', 'automation', 'agent']);
export type Origin = z.infer<typeof Origin>;

export const Actor = z.looseObject({
  principal: z.string().describe('Who acted: a user, a token name, or `system`.'),
  origin: Origin,
});
export type Actor = z.infer<typeof Actor>;

export const SCOPES = [
  'cases:read',
  'cases:write',
  'devices:read',
  'observations:read',
  'observations:write',
  'actions:request',
  'actions:approve',
  'actions:approve_critical',
  'summaries:write',
  'webhooks:manage',
  'trace:read',
  'pats:admin',
  'telemetry:read',
] as const;
export const Scope = z.enum(SCOPES);
export type Scope = z.infer<typeof Scope>;

/** Opaque ids with a type prefix (`case_…`, `dev_…`). */
export const prefixedId = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), `must be a ${prefix}_… id`)
    .describe(`An id starting with \`${prefix}_\`.`);

export const CaseId = prefixedId('case');
export const DeviceId = prefixedId('dev');
export const ObservationId = prefixedId('obs');
export const ActionId = prefixedId('act');
export const CommentId = prefixedId('cmt');
export const WebhookId = prefixedId('wh');
export const EventId = prefixedId('evt');
export const DeliveryId = prefixedId('dlv');
export const TenantId = prefixedId('ten');
export const UserId = prefixedId('usr');

export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(1000)
  .describe('Items per page, 1–1000 (default 100).');
export const Cursor = z.string().min(1).describe('The `next_cursor` of the previous page.');

export const PageParams = z.object({ limit: Limit.optional(), cursor: Cursor.optional() });
export type PageParams = z.infer<typeof PageParams>;

export const Pagination = z.looseObject({
  next_cursor: z.string().nullable(),
  total_items: z
    .number()
    .int()
    .min(0)
    .describe(
      'Items matching the filters when the first page was read; later pages of the same walk repeat it.',
    ),
});
export type Pagination = z.infer<typeof Pagination>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), pagination: Pagination });
}
export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'INVALID_CASE_ID',
  'INVALID_ACTION_ID',
  'INVALID_ENDPOINT_ID',
  'INVALID_PAT_ID',
  'INVALID_SCRIPT_ID',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_DEVICES',
  'INVALID_SCRIPT_INPUT',
  'STEP_UP_REQUIRED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_HEADERS_TOO_LARGE',
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
  'GATEWAY_TIMEOUT',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorDetail = z.looseObject({ field: z.string(), issue: z.string() });
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const ErrorBody = z
  .looseObject({
    error: z.looseObject({
      // A plain string, not the enum: a newer server may add codes and we must still read them.
      code: z.string(),
      message: z.string(),
      details: z.array(ErrorDetail).optional(),
    }),
    request_id: z.string(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
