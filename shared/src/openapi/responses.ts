/** Shared response headers and error responses, referenced from every operation. */

const integer = { type: 'integer' } as const;

export const RESPONSE_HEADERS = {
  RequestId: {
    description: 'Identifies this request; quote it to SenseOn support.',
    schema: { type: 'string' },
  },
  RateLimitLimit: { description: 'Requests allowed per window for this key.', schema: integer },
  RateLimitRemaining: { description: 'Requests left in the current window.', schema: integer },
  RateLimitReset: { description: 'When the window resets, in Unix seconds.', schema: integer },
  RetryAfter: {
    description: 'Seconds to wait before retrying (an HTTP date is also allowed).',
    schema: { type: 'string' },
  },
} as const;

const headerRef = (name: keyof typeof RESPONSE_HEADERS) => ({
  $ref: `#/components/headers/${name}`,
});

/** The headers every response carries. */
export const COMMON_HEADERS = {
  'X-Request-Id': headerRef('RequestId'),
  'X-RateLimit-Limit': headerRef('RateLimitLimit'),
  'X-RateLimit-Remaining': headerRef('RateLimitRemaining'),
  'X-RateLimit-Reset': headerRef('RateLimitReset'),
};

/** Statuses any endpoint may answer, whatever its own `errors` list says. */
export const ALWAYS_POSSIBLE_ERRORS = [401, 429, 431, 500, 503, 504] as const;

const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: {
    name: 'ValidationError',
    description: 'A field failed validation (`VALIDATION_ERROR`); `details` name each field.',
  },
  401: {
    name: 'Unauthorized',
    description: 'The token is missing, invalid, expired or revoked (`UNAUTHORIZED`).',
  },
  403: {
    name: 'Forbidden',
    description: 'The token lacks the scope, or the action is not allowed (`FORBIDDEN`).',
  },
  404: {
    name: 'NotFound',
    description:
      'Unknown id (`INVALID_CASE_ID`, `INVALID_ACTION_ID`, `INVALID_ENDPOINT_ID`, `INVALID_PAT_ID`, `NOT_FOUND`).',
  },
  409: {
    name: 'Conflict',
    description:
      'State conflict: already decided, or an `Idempotency-Key` reused with another body (`CONFLICT`).',
  },
  413: { name: 'PayloadTooLarge', description: 'The body is too large (`PAYLOAD_TOO_LARGE`).' },
  431: {
    name: 'RequestHeadersTooLarge',
    description: 'The URL and headers are over 16 KB (`REQUEST_HEADERS_TOO_LARGE`).',
  },
  422: {
    name: 'InvalidDevices',
    description: 'The devices are not eligible for the action (`INVALID_DEVICES`).',
  },
  428: {
    name: 'StepUpRequired',
    description: 'Step-up authentication required (`STEP_UP_REQUIRED`).',
  },
  429: {
    name: 'RateLimited',
    description: 'Rate limit exceeded (`RATE_LIMITED`); wait `Retry-After` seconds.',
  },
  500: {
    name: 'InternalServerError',
    description: 'Unexpected server error (`INTERNAL_SERVER_ERROR`).',
  },
  503: {
    name: 'ServiceUnavailable',
    description: 'Temporarily unavailable (`SERVICE_UNAVAILABLE`); retry with backoff.',
  },
  504: {
    name: 'GatewayTimeout',
    description: 'The query timed out (`GATEWAY_TIMEOUT`); retry or narrow it.',
  },
};

function errorResponse(status: number): Record<string, unknown> {
  const known = ERROR_RESPONSES[status];
  if (!known) throw new Error(`OpenAPI: no error response is described for status ${status}`);
  const headers: Record<string, unknown> = { ...COMMON_HEADERS };
  if (status === 429) headers['Retry-After'] = headerRef('RetryAfter');
  return {
    description: known.description,
    headers,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}

/** `$ref`s to the shared error responses for these statuses, ascending. */
export function errorResponseRefs(statuses: readonly number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const status of [...new Set(statuses)].sort((a, b) => a - b)) {
    const known = ERROR_RESPONSES[status];
    if (!known) throw new Error(`OpenAPI: no error response is described for status ${status}`);
    out[String(status)] = { $ref: `#/components/responses/${known.name}` };
  }
  return out;
}

/** The `components.responses` map for the statuses actually used. */
export function errorResponseComponents(statuses: Iterable<number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const status of [...new Set(statuses)].sort((a, b) => a - b)) {
    out[(ERROR_RESPONSES[status] as { name: string }).name] = errorResponse(status);
  }
  return out;
}
