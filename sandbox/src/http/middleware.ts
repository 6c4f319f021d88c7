import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { presentedToken } from '../auth/authenticate';
import { hashTokenValue } from '../auth/token-values';
import { newId } from '../ids';
import { RateLimiter, type RateDecision } from '../ratelimit/limiter';
import type { SandboxServices } from '../services';
import type { AppEnv } from './app-env';
import { failAfterCommit } from './after-commit';
import { ApiError, CODE_OF_STATUS } from './errors';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\s]*)?$/;

/** A W3C traceparent worth honouring: well formed, not version ff, ids not all zeros. */
export function validTraceparent(value: string | undefined): string | null {
  if (!value) return null;
  const match = TRACEPARENT.exec(value.trim());
  if (!match) return null;
  const [, version, traceId, parentId] = match;
  if (version === 'ff' || /^0+$/.test(traceId as string) || /^0+$/.test(parentId as string)) {
    return null;
  }
  // Version 00 has exactly four fields; later versions may append more.
  if (version === '00' && match[5]) return null;
  return value.trim();
}

/**
 * `X-Request-Id`, `Cache-Control: no-store` and `nosniff` on every answer, the caller's
 * traceparent echoed, and one log line each.
 */
export function requestIdentity(services: SandboxServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = newId('req');
    c.set('requestId', requestId);
    c.set('caller', undefined);
    const started = performance.now();
    // Set before the answer exists, so every answer (errors included) is built with them;
    // editing a finished response's headers would force the server to re-stream its body.
    c.header('X-Request-Id', requestId);
    // Answers may carry a secret (a new token, a webhook secret) and are never for a cache;
    // nosniff keeps a browser from reading an answer as anything but its declared type.
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    const traceparent = validTraceparent(c.req.header('traceparent'));
    if (traceparent) c.header('traceparent', traceparent);
    await next();
    const ms = (performance.now() - started).toFixed(1);
    const who = c.get('caller')?.principal ?? '-';
    // The path only: never headers (they carry the token) nor bodies (they may carry secrets).
    services.log.info(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms ${requestId} ${who}`);
  };
}

type HonoContext = Parameters<MiddlewareHandler<AppEnv>>[0];

function clientAddress(c: HonoContext): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'in-process';
  }
}

/**
 * The token a request authenticates as, if it does: keyed by its id, so every spelling of the
 * same `Authorization` header (`bearer`, two spaces, a tab) shares one budget.
 */
function validTokenId(services: SandboxServices, authorization: string | undefined) {
  const presented = presentedToken(authorization);
  if (presented === null) return null;
  const token = services.repos.tokens.byHash(hashTokenValue(presented));
  if (!token || token.revoked_ms !== null || token.expiry_ms <= services.clock.now()) return null;
  return token.id;
}

/** Failed authentications an address may make per window before it is refused with 429. */
export const AUTH_FAILURE_LIMIT = 20;

const rateLimited = (decision: RateDecision, windowSeconds: number, what: string) =>
  new ApiError(
    'RATE_LIMITED',
    `${what} of ${decision.limit} per ${windowSeconds} s exceeded; retry in ${decision.retryAfter} s.`,
    [],
    {
      'Retry-After': String(decision.retryAfter),
      'X-RateLimit-Limit': String(decision.limit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(decision.resetAt),
    },
  );

/**
 * Per-token limits, with the `X-RateLimit-*` headers on every answer and 429 past the limit.
 * Callers without a valid token count per address, and an address whose requests keep failing
 * authentication is refused for the rest of the window, so tokens cannot be guessed at speed.
 */
export function rateLimit(services: SandboxServices): MiddlewareHandler<AppEnv> {
  const windowSeconds = services.rateLimiter.windowSeconds;
  const failures = new RateLimiter(AUTH_FAILURE_LIMIT, windowSeconds, services.clock);
  return async (c, next) => {
    const tokenId = validTokenId(services, c.req.header('authorization'));
    const address = tokenId === null ? clientAddress(c) : null;
    if (address !== null) {
      const failed = failures.peek(`address:${address}`);
      if (!failed.allowed) {
        throw rateLimited(failed, windowSeconds, 'Failed authentications');
      }
    }
    const decision = services.rateLimiter.hit(
      tokenId !== null ? `token:${tokenId}` : `address:${address}`,
    );
    c.header('X-RateLimit-Limit', String(decision.limit));
    c.header('X-RateLimit-Remaining', String(decision.remaining));
    c.header('X-RateLimit-Reset', String(decision.resetAt));
    if (!decision.allowed) throw rateLimited(decision, windowSeconds, 'Rate limit');
    try {
      await next();
    } finally {
      if (address !== null && c.res.status === 401) failures.hit(`address:${address}`);
    }
  };
}

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Rate limit exceeded (injected fault); retry after the Retry-After delay.',
  500: 'An unexpected error occurred (injected fault); retry the request.',
  503: 'The service is temporarily unavailable (injected fault); retry with backoff.',
  504: 'The query timed out (injected fault); retry, or narrow the query.',
};

const WRITES = new Set(['POST', 'PATCH', 'DELETE']);

/**
 * Injected latency and failures: before the request is served (a failed request changes
 * nothing), and after a write is stored (`after_commit`: the change is kept, the answer fails).
 */
export function faultInjection(services: SandboxServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const latency = services.faults.latencyMs();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const status = services.faults.requestFailure();
    if (status !== null) {
      const code = CODE_OF_STATUS[status] ?? 'INTERNAL_SERVER_ERROR';
      const retryAfter = services.faults.retryAfterSeconds(status);
      throw new ApiError(
        code,
        FAULT_MESSAGES[status] ?? 'Injected fault.',
        [],
        retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
      );
    }
    await next();
    if (WRITES.has(c.req.method) && c.res.status < 300) {
      const failure = services.faults.afterCommitFailure();
      if (failure !== null) await failAfterCommit(c, failure);
    }
  };
}
