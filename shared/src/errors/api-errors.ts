import { SCOPES, type ErrorDetail } from '../schemas/common';
import { SenseOnError } from './senseon-error';
import { redactText, redactValue } from './redact';
import { readErrorBody, type HeaderSource, headerValue } from './error-body';
import { parseRetryAfterMs } from '../http/retry-after';

/** What the client knew about the request that failed, to make the message useful. */
export interface ApiErrorContext {
  /** `GET /cases/case_1`: names the request, and gives `NotFoundError` its id. */
  method?: string;
  path?: string;
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

  constructor(message: string, init: ApiErrorInit) {
    super(withRequestId(message, init.requestId), init);
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
    switch (status) {
      case 400:
        return new ValidationError(init, what);
      case 401:
        return new AuthenticationError(init);
      case 403:
        return new PermissionError(init);
      case 404:
        return new NotFoundError(init, context.path);
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
      `SenseOn rejected ${what} (${status}${init.code ? ` ${init.code}` : ''}): ${init.serverMessage}`,
      init,
    );
  }
}

function withRequestId(message: string, requestId: string | null): string {
  return requestId ? `${message} [request ${requestId}]` : message;
}

/** 400: the server named the fields it rejected. */
export class ValidationError extends ApiError {
  readonly fields: { field: string; issue: string }[];
  constructor(init: ApiErrorInit, what: string) {
    const fields = init.details.map(({ field, issue }) => ({ field, issue }));
    const list = fields.map((f) => `${f.field}: ${f.issue}`).join('; ');
    super(
      `SenseOn rejected ${what}: ${list || init.serverMessage}. Correct ${fields.length === 1 ? 'this field' : 'these fields'} and send again.`,
      init,
    );
    this.name = 'ValidationError';
    this.fields = fields;
  }
}

/** 401: the token is missing, wrong, expired or revoked. */
export class AuthenticationError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      'SenseOn did not accept the personal access token (missing, invalid, expired or revoked). ' +
        'Create a new personal access token in SenseOn and update the connection with it.',
      init,
    );
    this.name = 'AuthenticationError';
  }
}

/** The scope named in a 403 message, if any (longest first: `actions:approve_critical`). */
function scopeIn(message: string): string | null {
  const byLength = [...SCOPES].sort((a, b) => b.length - a.length);
  return byLength.find((scope) => message.includes(scope)) ?? null;
}

/** 403: valid token, but not allowed (missing scope, self-approval, other tenant). */
export class PermissionError extends ApiError {
  readonly missingScope: string | null;
  constructor(init: ApiErrorInit) {
    const scope = scopeIn(init.serverMessage);
    super(
      scope
        ? `The token lacks the "${scope}" scope (${init.serverMessage}). Create a personal access token that includes "${scope}".`
        : `SenseOn refused this request: ${init.serverMessage}. Check the token's scopes and tenant; an approver must not be the requester.`,
      init,
    );
    this.name = 'PermissionError';
    this.missingScope = scope;
  }
}

/** The last opaque id in a path: `case_1` in `/cases/case_1/summary`, or a PAT's UUID. */
function lastIdIn(path: string | undefined): string | null {
  const segments = (path ?? '').split('?')[0]?.split('/').map(decodeURIComponent) ?? [];
  const ids = segments.filter((s) => /^[a-z]+_[A-Za-z0-9]+$/.test(s) || /^[0-9a-f-]{36}$/i.test(s));
  return ids.at(-1) ?? null;
}

/** 404: no such id for this tenant (or, for a summary, none generated yet). */
export class NotFoundError extends ApiError {
  readonly resourceId: string | null;
  constructor(init: ApiErrorInit, path?: string) {
    const id = lastIdIn(path);
    const isSummary = init.code === 'NOT_FOUND' && /\/summary$/.test(path ?? '');
    super(
      isSummary
        ? `${id ? `Case ${id}` : 'The case'} has no AI summary yet: generate one first (${init.serverMessage}).`
        : `Nothing found for ${id ?? 'this id'}: ${init.serverMessage}. Check the id, and that it belongs to the token's tenant.`,
      init,
    );
    this.name = 'NotFoundError';
    this.resourceId = id;
  }
}

/** 409: the action was already decided, or an Idempotency-Key was reused with another body. */
export class ConflictError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      `Conflict: ${init.serverMessage}. The response action may already be decided (fetch it to see its status), ` +
        'or the Idempotency-Key was already used with a different body (use a new key).',
      init,
    );
    this.name = 'ConflictError';
  }
}

/** 422: the devices cannot take this action (wrong OS, offline, already isolated). */
export class InvalidDevicesError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      `SenseOn will not run this action: ${init.serverMessage}. Check the device's OS, that it is online, and that it is not already in that state.`,
      init,
    );
    this.name = 'InvalidDevicesError';
  }
}

/** 428: approving this needs step-up authentication or the critical-approval scope. */
export class StepUpRequiredError extends ApiError {
  constructor(init: ApiErrorInit) {
    super(
      `Step-up authentication is required: ${init.serverMessage}. Approve it in the SenseOn console after step-up, ` +
        'or with a token that has the "actions:approve_critical" scope (containment of crown-jewel devices).',
      init,
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
      `SenseOn's rate limit was reached: retry ${seconds === null ? 'after a short wait' : `in ${seconds} s`}, ` +
        'or spread the work out (1,000 requests per minute per key).',
      init,
    );
    this.name = 'RateLimitError';
    this.retryAfterSeconds = seconds;
  }
}

/** 5xx: SenseOn failed, was unavailable, or a query timed out. */
export class ServerError extends ApiError {
  constructor(init: ApiErrorInit, what: string) {
    super(
      `SenseOn failed to answer ${what} (${init.status}${init.code ? ` ${init.code}` : ''}): ${init.serverMessage}. ` +
        'Try again later; if it persists, give SenseOn support the request id.',
      init,
    );
    this.name = 'ServerError';
  }
}
