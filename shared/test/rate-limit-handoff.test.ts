import { RateLimitError, SenseOnClient } from '../src';
import { FakeApi, errorBody } from './helpers/fake-api';
import { aCase, page } from './helpers/fixtures';

let api: FakeApi;
let slept: number[];
beforeEach(async () => {
  slept = [];
  api = await new FakeApi().start();
});
afterEach(() => api.stop());

const throttled = {
  status: 429,
  body: errorBody('RATE_LIMITED', 'slow down'),
  headers: { 'retry-after': '12' },
};

const client = (waitOnRateLimit?: boolean) =>
  new SenseOnClient({
    baseUrl: api.baseUrl,
    rateLimit: false,
    retry: { waitOnRateLimit },
    sleep: async (ms) => void slept.push(ms),
  });

/** A platform that reschedules throttled work itself (Zapier) gets the 429 at once. */
describe('retry.waitOnRateLimit', () => {
  it('by default a 429 is waited out for as long as Retry-After says, then retried', async () => {
    api.reply(throttled, { status: 200, body: page([aCase()]) });
    expect((await client().cases.list()).data).toHaveLength(1);
    expect(slept).toEqual([12_000]);
  });

  it('false: the 429 comes back at once as RateLimitError with its delay', async () => {
    api.reply(throttled, { status: 200, body: page([aCase()]) });
    const error = await client(false)
      .cases.list()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterSeconds: 12, requestId: 'req_body' });
    expect(api.requests).toHaveLength(1);
    expect(slept).toEqual([]);
  });
});
