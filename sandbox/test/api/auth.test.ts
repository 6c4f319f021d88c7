import type { RunningSandbox } from '../../src';
import { Api, apiFor, startTestSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let analyst: Api;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    tokens: [
      // An MSSP-style key: one principal acting for two customer tenants.
      { value: 'mssp-analyst-token-0001', scopes: ['cases:read', 'devices:read'], name: 'mssp' },
    ],
  });
  admin = apiFor(sandbox, 'admin');
  analyst = apiFor(sandbox, 'analyst');
});
afterAll(() => sandbox.close());

describe('authentication', () => {
  it.each([
    ['no Authorization header', {}],
    ['a token nobody issued', { authorization: 'Bearer senseon_pat_doesnotexist000000000' }],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 UNAUTHORIZED for %s, never echoing the token', async (_name, headers) => {
    const res = await analyst.get('/cases', { anonymous: true, headers });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(res.body.request_id).toMatch(/^req_/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.text).not.toContain('doesnotexist');
  });

  it('answers 403 FORBIDDEN naming the missing scope', async () => {
    const res = await apiFor(sandbox, 'readonly').patch(`/cases/case_x1`, { status: 'closed' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toContain('cases:write');
    expect(res.body.error.details).toEqual([{ field: 'scope', issue: 'cases:write is required' }]);
  });

  it('GET /me names the principal, scopes and tenants of the token', async () => {
    const res = await analyst.get('/me');
    expect(res.status).toBe(200);
    expect(res.body.principal).toBe('analyst');
    expect(res.body.scopes).toContain('actions:request');
    expect(res.body.scopes).not.toContain('actions:approve');
    expect(res.body.tenant.id).toBe(sandbox.tenants[0]);
    const adminMe = await admin.get('/me');
    expect(adminMe.body.tenants.map((t: { id: string }) => t.id)).toEqual(sandbox.tenants);
  });
});

describe('tenants (X-SenseOn-Tenant)', () => {
  it('keeps each tenant to its own data, and lets a multi-tenant key pick one', async () => {
    const [primary, second] = sandbox.tenants as [string, string];
    const own = await admin.get('/cases?limit=1000');
    const other = await admin.get('/cases?limit=1000', {
      headers: { 'X-SenseOn-Tenant': second },
    });
    expect(own.status).toBe(200);
    expect(other.status).toBe(200);
    expect(own.body.data.every((c: { tenant_id: string }) => c.tenant_id === primary)).toBe(true);
    expect(other.body.data.every((c: { tenant_id: string }) => c.tenant_id === second)).toBe(true);
    const otherIds = new Set(other.body.data.map((c: { id: string }) => c.id));
    expect(own.body.data.some((c: { id: string }) => otherIds.has(c.id))).toBe(false);

    // A case of the second tenant is unknown from the first.
    if (other.body.data.length > 0) {
      const foreign = other.body.data[0].id;
      const res = await admin.get(`/cases/${foreign}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('INVALID_CASE_ID');
    }
  });

  it('refuses a tenant the token may not act for, or one that does not exist, alike', async () => {
    const second = sandbox.tenants[1] as string;
    const foreign = await analyst.get('/cases', { headers: { 'X-SenseOn-Tenant': second } });
    const unknown = await analyst.get('/cases', { headers: { 'X-SenseOn-Tenant': 'ten_nope' } });
    for (const res of [foreign, unknown]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.error.details[0].field).toBe('X-SenseOn-Tenant');
    }
    const malformed = await analyst.get('/cases', { headers: { 'X-SenseOn-Tenant': 'acme' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].field).toBe('X-SenseOn-Tenant');
  });

  it('a key given tenants acts for exactly those', async () => {
    const [primary, second, third] = sandbox.tenants as [string, string, string];
    await sandbox.close();
    sandbox = await startTestSandbox({
      tokens: [
        {
          value: 'mssp-analyst-token-0001',
          scopes: ['cases:read'],
          name: 'mssp',
          tenants: [second, primary],
        },
      ],
    });
    admin = apiFor(sandbox, 'admin');
    analyst = apiFor(sandbox, 'analyst');
    const mssp = new Api(sandbox.url, 'mssp-analyst-token-0001');
    const me = await mssp.get('/me');
    expect(me.body.tenant.id).toBe(second);
    expect((await mssp.get('/cases', { headers: { 'X-SenseOn-Tenant': primary } })).status).toBe(
      200,
    );
    expect((await mssp.get('/cases', { headers: { 'X-SenseOn-Tenant': third } })).status).toBe(403);
  });
});

describe('personal access tokens', () => {
  const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();

  it('lists the scopes a token can carry', async () => {
    const res = await analyst.get('/senseonapi/caa/pats/scopes');
    expect(res.status).toBe(200);
    expect(res.body.data.map((s: { scope: string }) => s.scope)).toContain(
      'actions:approve_critical',
    );
  });

  it('returns the value once, stores only its hash, and the new token works', async () => {
    const created = await analyst.post('/senseonapi/caa/pats', {
      name: 'zapier',
      expiry_at: inOneDay(),
      scopes: ['cases:read'],
    });
    expect(created.status).toBe(201);
    const value: string = created.body.token;
    expect(value).toMatch(/^senseon_pat_/);
    expect(created.body.owner).toBe('analyst');
    expect(created.body.status).toBe('active');

    const listed = await analyst.get('/senseonapi/caa/pats');
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(value);
    expect(listed.body.data.map((p: { pat_id: string }) => p.pat_id)).toContain(
      created.body.pat_id,
    );

    const rows = sandbox.db.prepare('SELECT * FROM tokens').all();
    expect(JSON.stringify(rows)).not.toContain(value);

    const asNew = new Api(sandbox.url, value);
    expect((await asNew.get('/cases?limit=1')).status).toBe(200);
    // It carries only what it was given.
    expect((await asNew.get('/devices')).status).toBe(403);
  });

  it('cannot grant scopes its creator lacks', async () => {
    const res = await analyst.post('/senseonapi/caa/pats', {
      name: 'sneaky',
      expiry_at: inOneDay(),
      scopes: ['cases:read', 'actions:approve'],
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('actions:approve');
  });

  it('refuses an expiry in the past, naming the field', async () => {
    const res = await analyst.post('/senseonapi/caa/pats', {
      name: 'old',
      expiry_at: '2020-01-01T00:00:00Z',
      scopes: ['cases:read'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('expiry_at');
  });

  it('/all needs pats:admin', async () => {
    expect((await analyst.get('/senseonapi/caa/pats/all')).status).toBe(403);
    const all = await admin.get('/senseonapi/caa/pats/all');
    expect(all.status).toBe(200);
    const owners = new Set(all.body.data.map((p: { owner: string }) => p.owner));
    expect(owners.has('analyst')).toBe(true);
    expect(owners.has('approver')).toBe(true);
  });

  it('revokes: 204, then the token is refused; someone else’s token is INVALID_PAT_ID', async () => {
    const created = await analyst.post('/senseonapi/caa/pats', {
      name: 'short-lived',
      expiry_at: inOneDay(),
      scopes: ['cases:read'],
    });
    const approver = apiFor(sandbox, 'approver');
    const notYours = await approver.delete(`/senseonapi/caa/pats/${created.body.pat_id}`);
    expect(notYours.status).toBe(404);
    expect(notYours.body.error.code).toBe('INVALID_PAT_ID');

    const revoked = await analyst.delete(`/senseonapi/caa/pats/${created.body.pat_id}`);
    expect(revoked.status).toBe(204);
    const refused = await new Api(sandbox.url, created.body.token).get('/cases');
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/revoked/);

    const unknown = await analyst.delete(
      '/senseonapi/caa/pats/00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('INVALID_PAT_ID');
  });

  it('an expired token is refused with 401', async () => {
    const created = await analyst.post('/senseonapi/caa/pats', {
      name: 'expiring',
      expiry_at: new Date(Date.now() + 120_000).toISOString(),
      scopes: ['cases:read'],
    });
    const token = new Api(sandbox.url, created.body.token);
    expect((await token.get('/cases?limit=1')).status).toBe(200);
    sandbox.clock.advance(180_000);
    const res = await token.get('/cases?limit=1');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });
});
