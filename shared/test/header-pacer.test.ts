import { HeaderPacer, SlidingWindowLimiter } from '../src';

/** A clock that only moves when someone sleeps: no test ever waits for real. */
function fakeClock(start = 1_700_000_000_000) {
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

const headers = (remaining: number, resetSeconds: number, limit = 100) => ({
  'x-ratelimit-limit': String(limit),
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': String(resetSeconds),
});

describe('HeaderPacer', () => {
  it('probes with one request first; answers without the headers turn it off', async () => {
    const clock = fakeClock();
    const pacer = new HeaderPacer(clock);
    await pacer.acquire();
    let second = false;
    const pending = pacer.acquire().then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    pacer.settle({ status: 200, headers: {} });
    await pending;
    for (let i = 0; i < 50; i++) await pacer.acquire();
    // The first was answered; the second and the 50 after it are in flight.
    expect(pacer.state().inFlight).toBe(51);
  });

  it('sends at once while more than half the budget is left', async () => {
    const clock = fakeClock();
    const pacer = new HeaderPacer(clock);
    await pacer.acquire();
    // Alone on the key: the server counted just our one request.
    pacer.settle({ status: 200, headers: headers(99, 1_700_000_060) });
    for (let i = 0; i < 30; i++) await pacer.acquire();
    expect(clock.slept).toEqual([]);
  });

  it('below half, spaces requests over the time left; at 0 it waits for Reset', async () => {
    const clock = fakeClock();
    const pacer = new HeaderPacer(clock);
    await pacer.acquire();
    pacer.settle({ status: 200, headers: headers(9, 1_700_000_010) });
    await pacer.acquire();
    pacer.settle({ status: 200, headers: headers(8, 1_700_000_010) });
    await pacer.acquire();
    // The second went with 10 s left and 9 remaining: the next one waits a tenth of that.
    expect(clock.slept).toEqual([1000]);
    pacer.settle({ status: 200, headers: headers(0, 1_700_000_010) });
    await pacer.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(1_700_000_010_000);
  });

  it('a 429 means none remain until Reset, whatever Remaining says', async () => {
    const clock = fakeClock();
    const pacer = new HeaderPacer(clock);
    await pacer.acquire();
    pacer.settle({ status: 429, headers: headers(50, 1_700_000_030) });
    await pacer.acquire();
    expect(clock.now()).toBe(1_700_000_030_000);
  });

  it('a 429 with Retry-After holds requests that long, and Remaining stands', async () => {
    const clock = fakeClock();
    const pacer = new HeaderPacer(clock);
    await pacer.acquire();
    pacer.settle({ status: 200, headers: headers(90, 1_700_000_030) });
    await pacer.acquire();
    pacer.settle({ status: 429, headers: { ...headers(89, 1_700_000_030), 'retry-after': '1' } });
    await pacer.acquire();
    expect(clock.now()).toBe(1_700_000_001_000);
    expect(pacer.state().window?.remaining).toBe(89);
  });

  it('subtracts what is in flight: 3 remaining and 3 in flight waits for an answer', async () => {
    const clock = fakeClock();
    const pacer = new HeaderPacer(clock);
    await pacer.acquire();
    pacer.settle({ status: 200, headers: headers(3, 1_700_000_060) });
    for (let i = 0; i < 3; i++) await pacer.acquire();
    let fourth = false;
    const pending = pacer.acquire().then(() => (fourth = true));
    await clock.sleep(0);
    expect(fourth).toBe(false);
    pacer.settle({ status: 200, headers: headers(3, 1_700_000_060) });
    await pending;
    expect(fourth).toBe(true);
  });

  it('a retry does not queue behind new requests', async () => {
    const clock = fakeClock();
    const pacer = new HeaderPacer(clock);
    await pacer.acquire();
    pacer.settle({ status: 200, headers: headers(0, 1_700_000_005) });
    const order: string[] = [];
    const news = Array.from({ length: 5 }, (_, i) =>
      pacer.acquire().then(() => {
        order.push(`new${i}`);
        pacer.settle({ status: 200, headers: headers(99, 1_700_000_065) });
      }),
    );
    const retry = pacer.acquire({ retry: true }).then(() => {
      order.push('retry');
      pacer.settle({ status: 200, headers: headers(99, 1_700_000_065) });
    });
    await Promise.all([...news, retry]);
    expect(order.indexOf('retry')).toBeLessThanOrEqual(1);
  });

  it('a Reset absurdly far away (clock skew) is trusted only up to maxWaitMs', async () => {
    const clock = fakeClock();
    const pacer = new HeaderPacer(clock, 60_000);
    await pacer.acquire();
    pacer.settle({ status: 200, headers: headers(0, 1_900_000_000) });
    await pacer.acquire();
    expect(clock.now() - 1_700_000_000_000).toBeLessThanOrEqual(60_000);
  });
});

describe('SlidingWindowLimiter.refund', () => {
  it('a request the server turned away with 429 does not count against the window', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1000 }, clock);
    const first = await limiter.acquire();
    await limiter.acquire();
    expect(limiter.inWindow()).toBe(2);
    limiter.refund(first);
    expect(limiter.inWindow()).toBe(1);
    await limiter.acquire();
    expect(clock.slept).toEqual([]);
  });
});
