import { verifyTraceChain, type TraceEntry } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let analyst: Api;
let readonly: Api;

/** A whole chain straight from the ledger: the tenant chain has no endpoint. */
function chain(tenantId: string, caseId: string | null): TraceEntry[] {
  const rows = sandbox.db
    .prepare('SELECT * FROM trace_entries WHERE tenant_id = ? AND case_id IS ? ORDER BY seq')
    .all(tenantId, caseId) as Record<string, unknown>[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    tenant_id: r.tenant_id,
    case_id: r.case_id,
    actor: JSON.parse(r.actor as string),
    event: r.event,
    details: JSON.parse(r.details as string),
    prev_hash: r.prev_hash,
    hash: r.hash,
  })) as TraceEntry[];
}

const onlineDeviceOf = async (as: Api, headers: Record<string, string> = {}): Promise<Json> =>
  (await as.get('/devices?limit=1000', { headers })).body.data.find(
    (d: Json) => d.status === 'online' && d.criticality !== 'crown_jewel',
  );

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  analyst = apiFor(sandbox, 'analyst');
  readonly = apiFor(sandbox, 'readonly');
});
afterAll(() => sandbox.close());

describe('refused attempts in the DecisionTrace', () => {
  it('records all 8 scope refusals on a case in its chain, which still verifies', async () => {
    const caseId = (await admin.get('/cases?limit=1&status=open')).body.data[0].id;
    const device = await onlineDeviceOf(admin);
    const pending = await admin.post(`/cases/${caseId}/actions`, {
      type: 'isolate_device',
      target: { device_id: device.id },
      justification: 'Beaconing to a known C2.',
    });
    expect(pending.body.status).toBe('pending_approval');
    const attempts = [
      readonly.patch(`/cases/${caseId}`, { status: 'closed' }),
      readonly.post(`/cases/${caseId}/comments`, { body: 'Closing this.' }),
      readonly.post(`/cases/${caseId}/summary`),
      readonly.post(`/cases/${caseId}/actions`, {
        type: 'add_ioc',
        target: { ioc: { type: 'domain', value: 'c2.example' } },
        justification: 'Seen in the case.',
      }),
      readonly.post(`/actions/${pending.body.id}/approve`, {}),
      readonly.post(`/actions/${pending.body.id}/reject`, { reason: 'No.' }),
      analyst.post(`/actions/${pending.body.id}/approve`, {}),
      analyst.post(`/actions/${pending.body.id}/reject`, { reason: 'No.' }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);

    const entries = chain(sandbox.tenants[0] as string, caseId);
    const refusals = entries.filter((e) => e.details.reason === 'missing_scope');
    expect(refusals).toHaveLength(8);
    expect(refusals.map((e) => e.event).sort()).toEqual(
      [
        'action.approval_refused',
        'action.approval_refused',
        'action.rejection_refused',
        'action.rejection_refused',
        'action.request_refused',
        'case.comment_refused',
        'case.update_refused',
        'summary.request_refused',
      ].sort(),
    );
    expect(verifyTraceChain(entries)).toMatchObject({ valid: true, checked: entries.length });
    // Who tried is kept; what they presented is not.
    const text = JSON.stringify(entries);
    for (const token of Object.values(sandbox.tokens)) expect(text).not.toContain(token);
    expect(text).not.toContain('Closing this.');
  });

  it('records all 7 tenant refusals: in the foreign case, the own case or the own tenant chain', async () => {
    const [own] = sandbox.tenants as [string];
    let foreign: { tenant: string; caseId: string } | undefined;
    for (const tenant of sandbox.tenants.slice(1)) {
      const res = await admin.get('/cases?limit=1&status=open', {
        headers: { 'X-SenseOn-Tenant': tenant },
      });
      if (res.body.data?.length) {
        foreign = { tenant, caseId: res.body.data[0].id };
        break;
      }
    }
    if (!foreign) throw new Error('the seed has no second tenant with an open case');
    const asForeign = { headers: { 'X-SenseOn-Tenant': foreign.tenant } };
    const foreignAction = await admin.post(
      `/cases/${foreign.caseId}/actions`,
      {
        type: 'add_ioc',
        origin: 'agent',
        target: { ioc: { type: 'domain', value: 'tenant-probe.example' } },
        justification: 'Seen in the case.',
      },
      asForeign,
    );
    expect(foreignAction.body.status).toBe('pending_approval');
    const foreignDevice = await onlineDeviceOf(admin, asForeign.headers);
    const ownCase = (await analyst.get('/cases?limit=1&status=open')).body.data[0].id;
    // A person of the first tenant holding every scope: only the tenant stands in the way.
    const created = await admin.post('/senseonapi/caa/pats', {
      name: 'first tenant only',
      expiry_at: new Date(Date.now() + 86_400_000).toISOString(),
      scopes: [
        'cases:read',
        'cases:write',
        'summaries:write',
        'actions:request',
        'actions:approve',
      ],
    });
    const person = analyst.as(created.body.token);

    const answers = await Promise.all([
      person.patch(`/cases/${foreign.caseId}`, { status: 'closed' }),
      person.post(`/cases/${foreign.caseId}/comments`, { body: 'Closing this.' }),
      person.post(`/cases/${foreign.caseId}/summary`),
      person.post(`/cases/${foreign.caseId}/actions`, {
        type: 'close_case',
        target: {},
        justification: 'Seen in the case.',
      }),
      person.post(`/actions/${foreignAction.body.id}/reject`, { reason: 'No.' }),
      person.patch(`/cases/${ownCase}`, { status: 'closed' }, asForeign),
      person.post(`/cases/${ownCase}/actions`, {
        type: 'isolate_device',
        target: { device_id: foreignDevice.id },
        justification: 'Seen in the case.',
      }),
    ]);
    expect(answers.map((res) => res.status)).toEqual([404, 404, 404, 404, 404, 403, 404]);

    const foreignChain = chain(foreign.tenant, foreign.caseId);
    const inForeignCase = foreignChain.filter((e) => e.details.reason === 'foreign_tenant');
    expect(inForeignCase.map((e) => e.event).sort()).toEqual(
      [
        'action.rejection_refused',
        'action.request_refused',
        'case.comment_refused',
        'case.update_refused',
        'summary.request_refused',
      ].sort(),
    );
    expect(inForeignCase.every((e) => e.details.tenant === own)).toBe(true);
    expect(inForeignCase.every((e) => e.actor.principal === 'admin')).toBe(true);

    const tenantChain = chain(own, null);
    const header = tenantChain.filter((e) => e.details.reason === 'foreign_tenant');
    expect(header).toHaveLength(1);
    expect(header[0]?.details).toMatchObject({ operation: 'updateCase', tenant: foreign.tenant });

    const ownChain = chain(own, ownCase);
    const device = ownChain.filter(
      (e) => e.event === 'action.request_refused' && e.details.code === 'INVALID_ENDPOINT_ID',
    );
    expect(device).toHaveLength(1);

    expect(inForeignCase.length + header.length + device.length).toBe(7);
    for (const entries of [foreignChain, tenantChain, ownChain]) {
      expect(verifyTraceChain(entries).valid).toBe(true);
    }
  });
});
