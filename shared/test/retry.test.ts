import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  isRetryableStatus,
  isSafeToRetry,
  parseRetryAfterMs,
  retryDelayMs,
} from '../src';

const policy = DEFAULT_RETRY_POLICY;
const now = Date.UTC(2026, 10, 23, 18, 0, 0);

describe('which answers are retried', () => {
  it('retries 408, 429 and every 5xx the server or a proxy answers, and no other 4xx', () => {
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(isRetryableStatus(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 413, 422, 428]) {
      expect(isRetryableStatus(status)).toBe(false);
    }
  });

  it('retries reads, PATCH and DELETE, and a POST only with an Idempotency-Key or when it reads', () => {
    expect(isSafeToRetry({ method: 'GET' })).toBe(true);
    expect(isSafeToRetry({ method: 'PATCH' })).toBe(true);
    expect(isSafeToRetry({ method: 'DELETE' })).toBe(true);
    expect(isSafeToRetry({ method: 'POST' })).toBe(false);
    expect(isSafeToRetry({ method: 'POST', idempotencyKey: 'k1' })).toBe(true);
    expect(isSafeToRetry({ method: 'POST', readOnly: true })).toBe(true);
  });
});

describe('backoff', () => {
  it('doubles from 500 ms and stops at 8 s', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 9].map((i) => backoffDelayMs(i, policy, top))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('keeps jitter within [0.75x, 1x] for any random value', () => {
    for (const r of [0, 0.1, 0.5, 0.999999, 1, -3, 7]) {
      for (let i = 0; i < 6; i++) {
        const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** i);
        const delay = backoffDelayMs(i, policy, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(full * 0.75));
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
    expect(backoffDelayMs(2, policy, () => 0)).toBe(1500);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs(new Date(now + 12_000).toUTCString(), now)).toBe(12_000);
    expect(parseRetryAfterMs(new Date(now - 5_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
  });

  it('wins over backoff, up to maxRetryAfterMs', () => {
    const random = () => 1;
    expect(retryDelayMs({ retryIndex: 3, retryAfter: '2', policy, random, now })).toBe(2000);
    expect(retryDelayMs({ retryIndex: 0, retryAfter: '3600', policy, random, now })).toBe(60_000);
    const date = new Date(now + 90_000).toUTCString();
    expect(retryDelayMs({ retryIndex: 0, retryAfter: date, policy, random, now })).toBe(60_000);
    expect(retryDelayMs({ retryIndex: 1, retryAfter: 'garbage', policy, random, now })).toBe(1000);
  });
});
