import { MAX_REQUEST_BODY_BYTES } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
});
afterAll(() => sandbox.close());

describe('the request body limit and the batch contract agree', () => {
  it('accepts a batch of 1,000 seed-shaped observations (over the old 1 MiB) in one request', async () => {
    const seed = (await admin.get('/observations?limit=1000')).body.data as Json[];
    expect(seed.length).toBeGreaterThan(100);
    // The tenant's observations, round after round, until there are 1,000.
    const shapes = Array.from({ length: 1000 }, (_, i) => seed[i % seed.length]);
    const observations = shapes.map((o) => ({
      observed_at: o.observed_at,
      source: o.source,
      severity: o.severity,
      title: o.title,
      device_id: o.device_id,
      case_id: o.case_id,
      ocsf: o.ocsf,
    }));
    const body = JSON.stringify({ observations });
    const bytes = Buffer.byteLength(body);
    expect(bytes).toBeGreaterThan(1024 * 1024);
    expect(bytes).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES);

    const res = await admin.request('POST', '/observations', { rawBody: body });
    expect(res.status).toBe(201);
    expect(res.body.data).toHaveLength(1000);
  });

  it('refuses a body one byte over the limit with 413 in the error envelope', async () => {
    const caseId = (await admin.get('/cases?limit=1')).body.data[0].id;
    const prefix = '{"body":"';
    const suffix = '"}';
    const rawBody =
      prefix + 'x'.repeat(MAX_REQUEST_BODY_BYTES + 1 - prefix.length - suffix.length) + suffix;
    expect(Buffer.byteLength(rawBody)).toBe(MAX_REQUEST_BODY_BYTES + 1);

    const res = await admin.request('POST', `/cases/${caseId}/comments`, { rawBody });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toContain(String(MAX_REQUEST_BODY_BYTES));
    expect(res.body.error.details).toEqual([
      { field: 'body', issue: `is larger than ${MAX_REQUEST_BODY_BYTES} bytes` },
    ]);
    expect(res.body.request_id).toMatch(/^req_/);
    expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
  });

  it('stores nothing from a refused batch', async () => {
    const before = (await admin.get('/observations?limit=1')).body.pagination.total_items;
    const one = (await admin.get('/observations?limit=1')).body.data[0];
    const padded = {
      source: one.source,
      severity: one.severity,
      title: 'padded',
      ocsf: { ...one.ocsf, unmapped: { senseon: { padding: 'x'.repeat(10_000) } } },
    };
    const observations = Array.from({ length: 1000 }, () => padded);
    const res = await admin.post('/observations', { observations });
    expect(res.status).toBe(413);
    const after = (await admin.get('/observations?limit=1')).body.pagination.total_items;
    expect(after).toBe(before);
  });
});
