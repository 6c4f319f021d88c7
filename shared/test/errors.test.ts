import {
  ApiError,
  AuthenticationError,
  ConflictError,
  ERROR_CODES,
  InvalidDevicesError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  SenseOnError,
  ServerError,
  StepUpRequiredError,
  ValidationError,
} from '../src';
import { errorBody } from './helpers/fake-api';

/** The contract's error table: status, code, and the class the client maps it to. */
const TABLE: [number, string, new (...args: never[]) => ApiError][] = [
  [400, 'VALIDATION_ERROR', ValidationError],
  [401, 'UNAUTHORIZED', AuthenticationError],
  [403, 'FORBIDDEN', PermissionError],
  [404, 'INVALID_CASE_ID', NotFoundError],
  [404, 'INVALID_ACTION_ID', NotFoundError],
  [404, 'INVALID_ENDPOINT_ID', NotFoundError],
  [404, 'INVALID_PAT_ID', NotFoundError],
  [404, 'INVALID_SCRIPT_ID', NotFoundError],
  [400, 'INVALID_SCRIPT_INPUT', ValidationError],
  [404, 'NOT_FOUND', NotFoundError],
  [409, 'CONFLICT', ConflictError],
  [413, 'PAYLOAD_TOO_LARGE', ApiError],
  [431, 'REQUEST_HEADERS_TOO_LARGE', ApiError],
  [422, 'INVALID_DEVICES', InvalidDevicesError],
  [428, 'STEP_UP_REQUIRED', StepUpRequiredError],
  [429, 'RATE_LIMITED', RateLimitError],
  [500, 'INTERNAL_SERVER_ERROR', ServerError],
  [503, 'SERVICE_UNAVAILABLE', ServerError],
  [504, 'GATEWAY_TIMEOUT', ServerError],
];

describe('ApiError.from', () => {
  it('covers every error code of the contract', () => {
    expect(new Set(TABLE.map(([, code]) => code))).toEqual(new Set(ERROR_CODES));
  });

  it.each(TABLE)('maps %i %s', (status, code, Class) => {
    const error = ApiError.from(status, errorBody(code, 'went wrong'), { 'x-request-id': 'req_h' });
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(SenseOnError);
    expect(error).toMatchObject({
      status,
      code,
      requestId: 'req_body',
      serverMessage: 'went wrong',
    });
    expect(error.message).toContain('req_body');
  });

  it('takes the request id from X-Request-Id when the body has none', () => {
    const error = ApiError.from(502, '<html>Bad gateway</html>', { 'X-Request-Id': 'req_h' });
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ requestId: 'req_h', code: null });
    expect(error.message).toContain('Bad gateway');
  });

  it('lists the fields of a 400', () => {
    const error = ApiError.from(
      400,
      errorBody('VALIDATION_ERROR', 'bad', [
        { field: 'severity', issue: 'must be one of critical, high' },
        { field: 'tags.0', issue: 'too long' },
      ]),
    ) as ValidationError;
    expect(error.field).toBe('severity');
    expect(error.fields).toEqual([
      { field: 'severity', issue: 'must be one of critical, high' },
      { field: 'tags.0', issue: 'too long' },
    ]);
    expect(error.message).toMatch(/severity: must be one of.*tags\.0: too long/);
  });

  it('says what to do next, once, as its own field', () => {
    const unauthorized = ApiError.from(401, errorBody('UNAUTHORIZED', 'expired'));
    expect(unauthorized.advice).toMatch(/create a new personal access token/i);
    expect(unauthorized.message).toBe(
      `${unauthorized.problem} ${unauthorized.advice} [request req_body]`,
    );
    expect(ApiError.from(409, errorBody('CONFLICT', 'not pending')).advice).toMatch(
      /decided already.*Idempotency-Key/s,
    );
    expect(ApiError.from(428, errorBody('STEP_UP_REQUIRED', 'crown jewel')).advice).toMatch(
      /step-up.*actions:approve_critical/is,
    );
    expect(ApiError.from(413, errorBody('PAYLOAD_TOO_LARGE', 'too big')).advice).toBeNull();
  });

  it('takes the missing scope from the endpoint the 403 names a scope for, not the message', () => {
    const scopeDetail = [{ field: 'scope', issue: 'something the client does not read' }];
    const forbidden = ApiError.from(
      403,
      errorBody('FORBIDDEN', 'no', scopeDetail),
      {},
      {
        endpoint: 'approveAction',
      },
    ) as PermissionError;
    expect(forbidden.missingScope).toBe('actions:approve');
    expect(forbidden.advice).toContain('"actions:approve"');
    // A scope in the message alone is no reason to name one: self-approval is not a scope.
    const selfApproval = ApiError.from(
      403,
      errorBody('FORBIDDEN', 'cases:write', [{ field: 'approver', issue: 'is the requester' }]),
      {},
      { endpoint: 'approveAction' },
    ) as PermissionError;
    expect(selfApproval.missingScope).toBeNull();
  });

  it('takes the id of a 404 from the request, by the field the API names', () => {
    const notFound = ApiError.from(
      404,
      errorBody('INVALID_CASE_ID', 'unknown case', [{ field: 'case_id', issue: 'no case' }]),
      {},
      { method: 'GET', path: '/cases/case_404/comments?limit=5', params: { case_id: 'case_404' } },
    ) as NotFoundError;
    expect(notFound.resourceId).toBe('case_404');
    expect(notFound.message).toContain('case_404');
    // An id inside the body (an observation's device), found by the field's path.
    const inBody = ApiError.from(
      404,
      errorBody('INVALID_ENDPOINT_ID', 'no device', [
        { field: 'observations.1.device_id', issue: 'no device with this id' },
      ]),
      {},
      { body: { observations: [{ device_id: 'dev_ok' }, { device_id: 'dev_gone' }] } },
    ) as NotFoundError;
    expect(inBody.resourceId).toBe('dev_gone');
    // The URL is not read: without the request's parameters there is no id to name.
    const unknown = ApiError.from(
      404,
      errorBody('NOT_FOUND', 'gone'),
      {},
      {
        path: '/cases/case_1/summary',
      },
    ) as NotFoundError;
    expect(unknown.resourceId).toBeNull();
    const noSummary = ApiError.from(
      404,
      errorBody('NOT_FOUND', 'never generated'),
      {},
      { endpoint: 'getSummary', params: { case_id: 'case_1' } },
    );
    expect(noSummary.problem).toBe('Case case_1 has no AI summary yet.');
    expect(noSummary.advice).toMatch(/^Run Generate AI Case Summary/);
  });

  it('says when to retry a 429, from seconds or an HTTP date', () => {
    const seconds = ApiError.from(429, errorBody('RATE_LIMITED', 'slow'), { 'retry-after': '17' });
    expect(seconds).toMatchObject({ retryAfterSeconds: 17 });
    expect(seconds.advice).toMatch(/Retry in 17 s/);
    const now = Date.UTC(2026, 0, 1);
    const date = ApiError.from(
      429,
      errorBody('RATE_LIMITED', 'slow'),
      { 'Retry-After': new Date(now + 30_000).toUTCString() },
      { now },
    );
    expect(date).toMatchObject({ retryAfterSeconds: 30 });
  });
});

describe('token redaction', () => {
  const token = 'sk_live_8f2e1c9d7b6a5f4e3d2c1b0a';

  function everyRendering(error: Error): string {
    return [error.message, String(error), JSON.stringify(error), error.stack ?? ''].join('\n');
  }

  it('keeps a token the server echoes out of message, String(), JSON and stack', () => {
    const body = errorBody('UNAUTHORIZED', `token ${token} is revoked`, [
      { field: 'authorization', issue: `Bearer ${token}` },
    ]);
    for (const status of [400, 401, 403, 404, 409, 429, 500]) {
      const error = ApiError.from(status, body, {}, { secrets: [token] });
      const text = everyRendering(error);
      expect(text).not.toContain(token);
      expect(text).toContain('[REDACTED]');
    }
  });

  it('scrubs anything that looks like a bearer credential even when the token is unknown', () => {
    const error = ApiError.from(401, errorBody('UNAUTHORIZED', 'bad header: Bearer abc.def.ghi'));
    expect(everyRendering(error)).not.toContain('abc.def.ghi');
  });
});
