import { parseRetryAfterMs } from './retry-after';

export interface RetryPolicy {
  /** Retries after the first attempt (3 means up to 4 attempts). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer wait than this is obeyed only up to this. */
  maxRetryAfterMs: number;
  /**
   * Whether a 429 is waited out and retried here. False hands it straight back as
   * `RateLimitError` (with `retryAfterSeconds`), for a platform that reschedules the work
   * itself: Zapier, whose `ThrottledError` retries the task later.
   */
  waitOnRateLimit: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
  waitOnRateLimit: true,
};

/**
 * Statuses worth another attempt: request timeout, rate limited, and every server-side failure
 * (500, 502, 503, 504). A 500 is often passing (a failover, a proxy that lost the answer after
 * the server committed): without a retry, a walk over thousands of observations dies part-way.
 * Retrying it is safe because only requests that may be repeated are retried (`isSafeToRetry`),
 * and every write the core sends carries an `Idempotency-Key`.
 */
/**
 * How many times one request may be retried after 429, counted apart from `maxRetries`: a 429
 * says nothing is wrong with the request, only that the key's budget is spent until `Reset`, and
 * the pacer holds the retry until then. Counted against `maxRetries`, three 429s in a row under
 * heavy concurrent use would surface an error for a request that only had to wait.
 */
export const MAX_RATE_LIMIT_RETRIES = 10;

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

export interface RetryableRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A POST that only reads (`POST /cases`, the list form). */
  readOnly?: boolean;
  idempotencyKey?: string;
}

/**
 * Whether sending the request twice is harmless. GET and read-only POSTs are; PATCH sets the same
 * fields again and DELETE of something deleted changes nothing; any other POST only with an
 * `Idempotency-Key`, which makes the server answer a repeat with the first response.
 */
export function isSafeToRetry(request: RetryableRequest): boolean {
  if (request.method !== 'POST') return true;
  return request.readOnly === true || !!request.idempotencyKey;
}

/** Exponential backoff from `baseDelayMs`, capped at `maxDelayMs`, with jitter in [0.75x, 1x]. */
export function backoffDelayMs(
  retryIndex: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  const jitter = 0.75 + 0.25 * Math.min(1, Math.max(0, random()));
  return Math.round(exponential * jitter);
}

/** The wait before retry number `retryIndex` (0 for the first retry). `Retry-After` wins, capped. */
export function retryDelayMs(args: {
  retryIndex: number;
  retryAfter?: string;
  policy: RetryPolicy;
  random: () => number;
  now: number;
}): number {
  const fromServer = parseRetryAfterMs(args.retryAfter, args.now);
  if (fromServer !== null) return Math.min(fromServer, args.policy.maxRetryAfterMs);
  return backoffDelayMs(args.retryIndex, args.policy, args.random);
}
