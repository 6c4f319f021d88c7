/**
 * The core holds a key's budget by the server's own count (`X-RateLimit-*`), against the real
 * sandbox run with a small limit: a burst far over the budget ends with every request answered
 * and no error surfaced, and independent pacers (as separate processes would have) share the
 * key without passing it. How close to the budget it gets is measured in bench/ (suite 3).
 */
import {
  FetchTransport,
  HeaderPacer,
  SenseOnClient,
  type Transport,
  type TransportRequest,
} from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';

const LIMIT = 30;
const WINDOW_SECONDS = 3;
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimit: LIMIT, rateWindowSeconds: WINDOW_SECONDS });
});
afterAll(() => sandbox.close());

/** The real transport, counting what the server answered. */
class CountingTransport implements Transport {
  readonly statuses: number[] = [];
  private readonly inner = new FetchTransport();
  async send(request: TransportRequest) {
    const response = await this.inner.send(request);
    this.statuses.push(response.status);
    return response;
  }
}

it('120 concurrent GETs against 20 a second: all answered, none surfaced as an error', async () => {
  const transport = new CountingTransport();
  const client = new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.admin,
    transport,
  });
  const results = await Promise.allSettled(
    Array.from({ length: 120 }, () => client.devices.list({ limit: 1 })),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  expect(failed).toEqual([]);
  const throttled = transport.statuses.filter((s) => s === 429).length;
  // Before the pacer, most of such a burst came back 429 and 3 × 429 in a row surfaced.
  expect(throttled).toBeLessThanOrEqual(Math.ceil(transport.statuses.length * 0.05));
}, 60_000);

it('three pacers with no shared state, one key: no window passes the budget, few 429s', async () => {
  const perWindow = new Map<string, number>();
  let throttled = 0;
  let sent = 0;
  const worker = async (pacer: HeaderPacer, requests: number) => {
    for (let i = 0; i < requests; i++) {
      await pacer.acquire();
      let response: Response | undefined;
      try {
        response = await fetch(`${sandbox.url}/devices?limit=1`, {
          headers: { authorization: `Bearer ${sandbox.tokens.admin}` },
        });
        await response.arrayBuffer();
      } finally {
        const headers = response ? Object.fromEntries(response.headers) : {};
        pacer.settle(response && { status: response.status, headers });
      }
      sent++;
      if (response.status === 429) {
        throttled++;
        i--; // the request still has to be made
        continue;
      }
      const reset = response.headers.get('x-ratelimit-reset') as string;
      perWindow.set(reset, (perWindow.get(reset) ?? 0) + 1);
    }
  };
  const clock = {
    now: Date.now,
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  };
  // Three "processes": each its own pacer, each with 4 concurrent workers, 20 requests each.
  const processes = Array.from({ length: 3 }, () => new HeaderPacer(clock));
  await Promise.all(
    processes.flatMap((pacer) => Array.from({ length: 4 }, () => worker(pacer, 10))),
  );
  const answered = [...perWindow.values()].reduce((a, b) => a + b, 0);
  expect(answered).toBe(120);
  for (const count of perWindow.values()) expect(count).toBeLessThanOrEqual(LIMIT);
  expect(throttled).toBeLessThanOrEqual(Math.ceil(sent * 0.05));
}, 60_000);
