import { SenseOnClient, SlidingWindowLimiter, sharedLimiter } from '../src';
import { FakeApi, type RecordedRequest } from './helpers/fake-api';
import { page } from './helpers/fixtures';

/** A clock that only moves when someone sleeps: no test ever waits for real. */
function fakeClock(start = 1_000_000) {
  const clock = {
    t: start,
    slept: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

describe('SlidingWindowLimiter', () => {
  it('spreads a burst so that no window ever holds more than `limit` requests', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 10, windowMs: 1000 }, clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 35 }, () => limiter.acquire().then(() => starts.push(clock.now()))),
    );
    expect(starts).toHaveLength(35);
    for (let i = 0; i + 10 < starts.length; i++) {
      expect((starts[i + 10] as number) - (starts[i] as number)).toBeGreaterThanOrEqual(1000);
    }
    // Spread, not refused: the first ten at once, then ten per window.
    expect(starts.filter((t) => t === starts[0])).toHaveLength(10);
    expect((starts[34] as number) - (starts[0] as number)).toBe(3000);
  });

  it('lets requests through at once while under the limit', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 1000 }, clock);
    for (let i = 0; i < 5; i++) await limiter.acquire();
    expect(clock.slept).toEqual([]);
    expect(limiter.inWindow()).toBe(5);
    clock.t += 1000;
    expect(limiter.inWindow()).toBe(0);
  });

  it('waits until X-RateLimit-Reset when the server says none remain', async () => {
    const clock = fakeClock(1_700_000_000_000);
    const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 60_000 }, clock);
    await limiter.acquire();
    limiter.observe({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000012' }, 60_000);
    await limiter.acquire();
    expect(clock.now()).toBe(1_700_000_012_000);
    // A reset absurdly far away (clock skew) is capped.
    limiter.observe({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1900000000' }, 60_000);
    const before = clock.now();
    await limiter.acquire();
    expect(clock.now() - before).toBe(60_000);
    limiter.observe({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1900000000' }, 60_000);
    const after = clock.now();
    await limiter.acquire();
    expect(clock.now()).toBe(after);
  });

  it('is shared by clients with the same base URL, token and budget', () => {
    const config = { limit: 3, windowMs: 1000 };
    const sleep = async () => undefined;
    const a = sharedLimiter('http://127.0.0.1:1/v1', 'tok_a', config, sleep);
    expect(sharedLimiter('http://127.0.0.1:1/v1', 'tok_a', config, sleep)).toBe(a);
    expect(sharedLimiter('http://127.0.0.1:1/v1', 'tok_b', config, sleep)).not.toBe(a);
    expect(sharedLimiter('http://127.0.0.1:2/v1', 'tok_a', config, sleep)).not.toBe(a);
  });
});

describe('the limiter on the wire', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await new FakeApi().start();
    api.handle(() => ({ status: 200, body: page([]) }));
  });
  afterEach(() => api.stop());

  it('makes two clients with one key wait for each other instead of failing', async () => {
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
    };
    const options = {
      baseUrl: api.baseUrl,
      token: 'tok_shared_budget',
      rateLimit: { limit: 2, windowMs: 60_000 },
      sleep,
    };
    const first = new SenseOnClient(options);
    const second = new SenseOnClient(options);
    await first.devices.list();
    await second.devices.list();
    expect(slept).toEqual([]);
    await first.devices.list();
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(50_000);
    expect(api.requests).toHaveLength(3);
  });

  it('can be turned off', async () => {
    const slept: number[] = [];
    const client = new SenseOnClient({
      baseUrl: api.baseUrl,
      token: 'tok_no_limit',
      rateLimit: false,
      sleep: async (ms) => void slept.push(ms),
    });
    api.reply({
      status: 200,
      body: page([]),
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '9999999999' },
    });
    await client.devices.list();
    await client.devices.list();
    expect(slept).toEqual([]);
    expect(api.requests.map((r: RecordedRequest) => r.method)).toEqual(['GET', 'GET']);
  });
});
