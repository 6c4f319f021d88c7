import { parseFaultSpec, type RunningSandbox } from '../../src';
import { startReceiver } from '../helpers/receiver';
import { apiFor, eventually, startTestSandbox } from '../helpers/sandbox';

describe('fault injection', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ faults: 'error_rate=1,codes=503' });
  });
  afterAll(() => sandbox.close());

  it('parses the --faults spec, and names a bad part', () => {
    expect(
      parseFaultSpec(
        'error_rate=0.2,codes=500|503|504|429,latency_ms=100,webhook_drop=0.1,webhook_duplicate=0.1',
      ),
    ).toEqual({
      errorRate: 0.2,
      codes: [500, 503, 504, 429],
      latencyMs: 100,
      webhookDrop: 0.1,
      webhookDuplicate: 0.1,
    });
    expect(() => parseFaultSpec('error_rate=2')).toThrow(/error_rate/);
    expect(() => parseFaultSpec('codes=418')).toThrow(/codes/);
    expect(() => parseFaultSpec('nonsense')).toThrow(/nonsense/);
    expect(parseFaultSpec('retry_after=30')).toEqual({ retryAfterSeconds: 30 });
    expect(() => parseFaultSpec('retry_after=1.5')).toThrow(/retry_after/);
  });

  it('fails requests with the chosen status in the error envelope, changing nothing', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    const res = await analyst.post('/cases/case_whatever/comments', { body: 'lost' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.body.request_id).toMatch(/^req_/);
    expect(res.headers.get('x-ratelimit-limit')).not.toBeNull();
    // The OpenAPI document is never hidden by faults.
    expect((await analyst.get('/openapi.json', { anonymous: true })).status).toBe(200);
  });

  it('can be changed at run time: 429 with Retry-After, a chosen Retry-After, latency, then none', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    sandbox.setFaults({ errorRate: 1, codes: [429] });
    const limited = await analyst.get('/cases?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBe('1');

    sandbox.setFaults({ errorRate: 1, codes: [503] });
    expect((await analyst.get('/cases?limit=1')).headers.get('retry-after')).toBeNull();
    sandbox.setFaults({ errorRate: 1, codes: [503, 429], retryAfterSeconds: 45 });
    for (let i = 0; i < 6; i++) {
      const failed = await analyst.get('/cases?limit=1');
      expect([429, 503]).toContain(failed.status);
      expect(failed.headers.get('retry-after')).toBe('45');
    }

    sandbox.setFaults({ latencyMs: 150 });
    const started = Date.now();
    const slow = await analyst.get('/cases?limit=1');
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    sandbox.setFaults(null);
    expect((await analyst.get('/cases?limit=1')).status).toBe(200);
  });

  it('with a share of errors, some requests fail and the rest succeed', async () => {
    sandbox.setFaults({ errorRate: 0.5, codes: [500, 504] });
    const analyst = apiFor(sandbox, 'analyst');
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => analyst.get('/cases?limit=1').then((r) => r.status)),
    );
    sandbox.setFaults(null);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 500 || s === 504).length).toBeGreaterThan(5);
    expect(statuses.every((s) => [200, 500, 504].includes(s))).toBe(true);
  });

  it('duplicates webhook deliveries with the same webhook-id, and drops then retries others', async () => {
    const inbox = await startReceiver();
    try {
      const analyst = apiFor(sandbox, 'analyst');
      const caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
      const hook = (await analyst.post('/webhooks', { url: inbox.url, events: ['case.updated'] }))
        .body;

      sandbox.setFaults({ webhookDuplicate: 1 });
      await analyst.patch(`/cases/${caseId}`, { tags: ['dup'] });
      const [a, b] = await inbox.waitFor(2);
      expect(a!.headers['webhook-id']).toBe(b!.headers['webhook-id']);

      sandbox.setFaults({ webhookDrop: 1 });
      await analyst.patch(`/cases/${caseId}`, { tags: ['drop'] });
      const pending = await eventually(async () => {
        const res = await analyst.get(`/webhooks/${hook.id}/deliveries`);
        const latest = res.body.data[0];
        return latest?.attempts >= 1 && latest.status === 'pending' ? latest : undefined;
      });
      expect(pending.last_error).toMatch(/dropped/);
      expect(inbox.received).toHaveLength(2);
      sandbox.setFaults(null);
      await inbox.waitFor(3); // the retry gets through
    } finally {
      sandbox.setFaults(null);
      await inbox.close();
    }
  });
});
