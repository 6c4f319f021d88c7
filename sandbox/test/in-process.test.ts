import { createApp, type SandboxApp } from '../src';

let sandbox: SandboxApp;
beforeAll(() => {
  sandbox = createApp({ summaryDelayMs: 0 });
});
afterAll(() => sandbox.close());

describe('createApp (no socket)', () => {
  it('answers app.request() like the server does', async () => {
    const res = await sandbox.app.request('/v1/cases?limit=2', {
      headers: { authorization: `Bearer ${sandbox.tokens.analyst}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(res.headers.get('x-ratelimit-limit')).toBe('1000');
    const body = (await res.json()) as { data: { tenant_id: string }[] };
    expect(body.data).toHaveLength(2);
    expect(body.data[0]?.tenant_id).toBe(sandbox.tenants[0]);
  });

  it('speaks the error envelope without a token', async () => {
    const res = await sandbox.app.request('/v1/devices');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string }; request_id: string };
    expect(body.error.code).toBe('UNAUTHORIZED');
    expect(body.request_id).toBe(res.headers.get('x-request-id'));
  });
});
