import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: 5, rateWindowSeconds: 60 });
});
afterAll(() => sandbox.close());

describe('rate limits', () => {
  it('counts down X-RateLimit-Remaining, then answers 429 RATE_LIMITED with Retry-After', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await analyst.get('/cases?limit=1');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('5');
      remaining.push(Number(res.headers.get('x-ratelimit-remaining')));
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThan(Date.now() / 1000 - 1);
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 61);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);

    const limited = await analyst.get('/cases?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-request-id')).toMatch(/^req_/);

    // Per token: another key still has its own allowance.
    const approver = apiFor(sandbox, 'approver');
    const other = await approver.get('/cases?limit=1');
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('4');

    // A new window forgives.
    sandbox.clock.advance(61_000);
    const again = await analyst.get('/cases?limit=1');
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('4');
  });

  it('puts the headers on errors too', async () => {
    const res = await apiFor(sandbox, 'readonly').get('/cases/not-an-id');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-ratelimit-limit')).toBe('5');
    expect(res.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });
});
