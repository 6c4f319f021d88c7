import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe('Idempotency-Key is scoped to the tenant acted for', () => {
  it('does not answer tenant B with what tenant A stored under the same key', async () => {
    const admin = apiFor(sandbox, 'admin');
    const [first, second] = sandbox.tenants as [string, string];
    const body = { url: 'http://127.0.0.1:9/hook', events: ['case.created'] };
    const headers = { 'Idempotency-Key': 'same-key-both-tenants' };
    const a = await admin.post('/webhooks', body, {
      headers: { ...headers, 'X-SenseOn-Tenant': first },
    });
    const b = await admin.post('/webhooks', body, {
      headers: { ...headers, 'X-SenseOn-Tenant': second },
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.tenant_id).toBe(second);
    expect(b.body.id).not.toBe(a.body.id);
    // And within one tenant the key still replays.
    const again = await admin.post('/webhooks', body, {
      headers: { ...headers, 'X-SenseOn-Tenant': second },
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(b.body.id);
  });
});
