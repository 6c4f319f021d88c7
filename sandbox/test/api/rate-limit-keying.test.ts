import type { RunningSandbox } from '../../src';
import { Api, startTestSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: 20, rateWindowSeconds: 60 });
});
afterAll(() => sandbox.close());

describe('rate limits key on who the caller is, not how the header is spelled', () => {
  it('gives one budget to a token however its Authorization header is written', async () => {
    const token = sandbox.tokens.analyst as string;
    const spellings = [`Bearer ${token}`, `bearer ${token}`, `Bearer  ${token}`, `BEARER ${token}`];
    let succeeded = 0;
    for (let i = 0; i < 60; i++) {
      const res = await new Api(sandbox.url, '').get('/cases?limit=1', {
        anonymous: true,
        headers: { authorization: spellings[i % spellings.length] as string },
      });
      if (res.status === 200) succeeded++;
      else expect(res.status).toBe(429);
    }
    expect(succeeded).toBe(20);
  });

  it('throttles failed authentication per address, with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const res = await new Api(sandbox.url, `senseon_pat_wrong${i}`).get('/cases?limit=1');
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // A valid token from the same address is not locked out by others' failures.
    const ok = await new Api(sandbox.url, sandbox.tokens.approver as string).get('/cases?limit=1');
    expect(ok.status).toBe(200);
  });
});
