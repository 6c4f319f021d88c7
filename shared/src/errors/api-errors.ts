import { ENDPOINTS, type EndpointId } from '../contract/endpoints';
import type { ErrorDetail } from '../schemas/common';
import { SenseOnError } from './senseon-error';
import { redactText, redactValue } from './redact';
import { readErrorBody, type HeaderSource, headerValue } from './error-body';
import { parseRetryAfterMs } from '../http/retry-after';
import { BASE_URL_SHAPE, showBaseUrl } from './base-url';

/** What the client knew about the request that failed: errors take their facts from here. */
export interface ApiErrorContext {
  /** `GET /cases/case_1`: names the request in the message. */
  method?: string;
  /** The base URL the request went to: named when what answered was not the API. */
  baseUrl?: string;
  path?: string;
  /** The contract's endpoint: the scope it needs (403) and what a 404 means (no summary yet). */
  endpoint?: EndpointId;
  /** The path parameters as sent: a 404 takes its `resourceId` from them, not from the URL. */
  params?: Record<string, unknown>;
  /** The body as sent, for a 404 about an id inside it (an observation's `device_id`). */
  body?: unknown;
  /** Values (the token) that must never appear in the error. */
  secrets?: readonly string[];
  /** For `Retry-After` given as an HTTP date. */
  now?: number;
}

interface ApiErrorInit {
  status: number;
  code: string | null;
  requestId: string | null;
  details: ErrorDetail[];
  serverMessage: string;
  secrets?: readonly string[];
}

/** The API answered with an error status. `ApiError.from` picks the subclass. */
export class ApiError extends SenseOnError {
  declare readonly status: number;
  /** The server's own message, redacted. */
  readonly serverMessage: string;

  constructor(problem: string, init: ApiErrorInit, advice: string | null = null) {
    super(problem, { ...init, advice });
    this.name = 'ApiError';
    this.serverMessage = redactText(init.serverMessage, init.secrets);
  }

  static from(
    status: number,
    body: unknown,
    headers: HeaderSource = {},
    context: ApiErrorContext = {},
  ): ApiError {
    // Scrub first: subclasses copy details into their own fields (`ValidationError.fields`).
    const parsed = redactValue(readErrorBody(body), context.secrets);
    const init: ApiErrorInit = {
      status,
      code: parsed.code,
      requestId: parsed.requestId ?? headerValue(headers, 'x-request-id') ?? null,
      details: parsed.details,
      // Messages are composed into sentences here, so drop the server's closing full stop.
      serverMessage: (parsed.message ?? `HTTP ${status}`).replace(/[.\s]+$/, ''),
      secrets: context.secrets,
    };
    const what =
      context.method && context.path ? `${context.method} ${context.path}` : 'the request';
    if (isNotTheApi(status, parsed.code, parsed.details)) {
      return new BaseUrlError(init, what, context.baseUrl);
    }
    switch (status) {
      case 400:
        return new ValidationError(init, what);
      case 401:
        return new AuthenticationError(init);
      case 403:
        return new PermissionError(init, context);
      case 404:
        return new NotFoundError(init, context);
      case 409:
        return new ConflictError(init);
      case 422:
        return new InvalidDevicesError(init);
      case 428:
        return new StepUpRequiredError(init);
      case 429:
        return new RateLimitError(init, headers, context.now ?? Date.now());
    }
    if (status >= 500) return new ServerError(init, what);
    return new ApiError(
      `SenseOn rejected ${what} (${status}${init.code ? ` ${init.code}` : ''}): ${init.serverMessage}.`,
      init,
    );
  }
}

/**
 * Whether an error answer came from something other than the API at this base URL. The client
 * only sends requests to the contract's paths, so a 404 or 405 outside the API's envelope (no
 * `error.code`: an HTML page, a bare 404 from another server), or the API's own "path is not
 * an endpoint", means the base URL is wrong (most often, `/v1` is missing), not the id.
 */
function isNotTheApi(status: number, code: string | null, details: ErrorDetail[]): boolean {
  if (status !== 404 && status !== 405) return false;
  return code === null || (code === 'NOT_FOUND' && details.some((d) => d.field === 'path'));
}

/** 404/405 from something that is not the SenseOn API: the base URL is wrong. */
export class BaseUrlError extends ApiError {
  constructor(init: ApiErrorInit, what: string, baseUrl: string | undefined) {
    const where = baseUrl ? `The base URL ${showBaseUrl(baseUrl)}` : 'The base URL';
    super(
      `${where} did not answer like the SenseOn API (${what}: ${init.status} ${init.serverMessage}).`,
      { ...init, code: 'WRONG_BASE_URL' },
      `Check the base URL in the connection: ${BASE_URL_SHAPE}.`,
    );
    this.name = 'BaseUrlError';
  }
}

/** 400: the server named the fields it rejected. */
export class ValidationError extends ApiError {
  readonly fields: { field: string; issue: string }[];
  /** The first field at fault, as the API names it (`target.ioc.value`); null if none named. */
  readonly field: string | null;
  constructor(init: ApiErrorInit, what: string) {
    const fields = init.details.map(({ field, issue }) => ({ field, issue }));
    const list = fields.map((f) => `${f.field}: ${f.issue}`).join('; ');
    super(
      `SenseOn rejected ${what}: ${list || init.serverMessage}.`,
      init,
      `Correct ${fields.length === 1 ? 'this field' : 'these fields'} and send again.`,
    );
    this.name = 'ValidationError';
    this.fields = fields;
    this.field = fields[0]?.field ?? null;
  }
}

/** 401: the token is missing, wrong, expired or revoked. */
export class AuthenticationError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      'SenseOn did not accept the personal access token (missing, invalid, expired or revoked).',
      init,
      'Create a new personal access token in SenseOn and update the connection with it.',
    );
    this.name = 'AuthenticationError';
  }
}

/**
 * The scope a 403 is about: the API names the field `scope` in `details` when the token lacks
 * the endpoint's scope, and the contract says which scope that endpoint needs.
 */
function missingScopeOf(init: ApiErrorInit, context: ApiErrorContext): string | null {
  if (!context.endpoint || !init.details.some((d) => d.field === 'scope')) return null;
  return ENDPOINTS[context.endpoint].scope;
}

/** 403: valid token, but not allowed (missing scope, self-approval, other tenant). */
export class PermissionError extends ApiError {
  readonly missingScope: string | null;
  constructor(init: ApiErrorInit, context: ApiErrorContext = {}) {
    const scope = missingScopeOf(init, context);
    super(
      scope
        ? `The token lacks the "${scope}" scope (${init.serverMessage}).`
        : `SenseOn refused this request: ${init.serverMessage}.`,
      init,
      scope
        ? `Create a personal access token that includes "${scope}".`
        : "Check the token's scopes and tenant; an approver must not be the requester.",
    );
    this.name = 'PermissionError';
    this.missingScope = scope;
  }
}

/** The value at a dotted path (`observations.0.device_id`) of what was sent, if it is an id. */
function sentValue(source: unknown, path: string): string | null {
  let value = source;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The id a 404 is about: the API names the field in `details` (`case_id`), and the request
 * holds its value; with no field named, the request's only path parameter.
 */
function resourceIdOf(init: ApiErrorInit, context: ApiErrorContext): string | null {
  for (const { field } of init.details) {
    const id = sentValue(context.params, field) ?? sentValue(context.body, field);
    if (id) return id;
  }
  const params = Object.values(context.params ?? {});
  return params.length === 1 && typeof params[0] === 'string' ? params[0] : null;
}

/** 404: no such id for this tenant (or, for a summary, none generated yet). */
export class NotFoundError extends ApiError {
  readonly resourceId: string | null;
  constructor(init: ApiErrorInit, context: ApiErrorContext = {}) {
    const id = resourceIdOf(init, context);
    const isSummary = init.code === 'NOT_FOUND' && context.endpoint === 'getSummary';
    super(
      isSummary
        ? `${id ? `Case ${id}` : 'The case'} has no AI summary yet.`
        : `Nothing found for ${id ?? 'this id'}: ${init.serverMessage}.`,
      init,
      isSummary
        ? 'Run Generate AI Case Summary for it first, then get the summary.'
        : "Check the id, and that it belongs to the token's tenant.",
    );
    this.name = 'NotFoundError';
    this.resourceId = id;
  }
}

/** 409: the action was already decided, or an Idempotency-Key was reused with another body. */
export class ConflictError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      `Conflict: ${init.serverMessage}.`,
      init,
      'The response action may have been decided already (get it to see its status), ' +
        'or the Idempotency-Key was already used with a different body (use a new key).',
    );
    this.name = 'ConflictError';
  }
}

/** 422: the devices cannot take this action (wrong OS, offline, already isolated). */
export class InvalidDevicesError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      `SenseOn will not run this action: ${init.serverMessage}.`,
      init,
      "Check the device's OS, that it is online, and that it is not already in that state.",
    );
    this.name = 'InvalidDevicesError';
  }
}

/** 428: approving this needs step-up authentication or the critical-approval scope. */
export class StepUpRequiredError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      `Step-up authentication is required: ${init.serverMessage}.`,
      init,
      'Approve it in the SenseOn console after step-up, or with a token that has the ' +
        '"actions:approve_critical" scope (containment of crown-jewel devices).',
    );
    this.name = 'StepUpRequiredError';
  }
}

/** 429: too many requests; `retryAfterSeconds` says when to try again. */
export class RateLimitError extends ApiError {
  readonly retryAfterSeconds: number | null;
  constructor(init: ApiErrorInit, headers: HeaderSource, now: number) {
    const retryAfterMs = parseRetryAfterMs(headerValue(headers, 'retry-after'), now);
    const seconds = retryAfterMs === null ? null : Math.ceil(retryAfterMs / 1000);
    super(
      "SenseOn's rate limit was reached.",
      init,
      `Retry ${seconds === null ? 'after a short wait' : `in ${seconds} s`}, ` +
        'or spread the work out (1,000 requests per minute per key).',
    );
    this.name = 'RateLimitError';
    this.retryAfterSeconds = seconds;
  }
}

/** 5xx: SenseOn failed, was unavailable, or a query timed out. */
export class ServerError extends ApiError {
  constructor(init: ApiErrorInit, what: string) {
    super(
      `SenseOn failed to answer ${what} (${init.status}${init.code ? ` ${init.code}` : ''}): ${init.serverMessage}.`,
      init,
      'Try again later; if it persists, give SenseOn support the request id.',
    );
    this.name = 'ServerError';
  }
}
