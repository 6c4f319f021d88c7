import { verifyTraceChain, type TraceEntry } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let analyst: Api;
let approver: Api;
let devices: Json[];
let caseId: string;

function takeDevice(match: (d: Json) => boolean): Json {
  const index = devices.findIndex(match);
  if (index === -1) throw new Error('the seed has no device for this test');
  return devices.splice(index, 1)[0];
}
const onlineDevice = () =>
  takeDevice((d) => d.status === 'online' && d.criticality !== 'crown_jewel');

const isolate = (as: Api, deviceId: string, extra: Record<string, unknown> = {}) =>
  as.post(`/cases/${caseId}/actions`, {
    type: 'isolate_device',
    target: { device_id: deviceId },
    justification: 'Beaconing to a known C2.',
    ...extra,
  });

const traceOf = async (): Promise<TraceEntry[]> =>
  (await admin.get(`/cases/${caseId}/trace?limit=1000`)).body.data;

/** The attempt was refused with `status`, the device never left `online`, and the trace has it. */
async function expectRefused(res: Json, status: number, actionId: string, deviceId: string) {
  expect(res.status).toBe(status);
  expect((await admin.get(`/actions/${actionId}`)).body.status).not.toMatch(
    /approved|executing|completed/,
  );
  expect((await admin.get(`/devices/${deviceId}`)).body.status).toBe('online');
  const refusals = (await traceOf()).filter(
    (e) => e.event === 'action.approval_refused' && e.details.action_id === actionId,
  );
  expect(refusals).toHaveLength(1);
  return refusals[0]!;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  analyst = apiFor(sandbox, 'analyst');
  approver = apiFor(sandbox, 'approver');
  devices = (await admin.get('/devices?limit=1000')).body.data;
  caseId = (await admin.get('/cases?limit=1&status=open')).body.data[0].id;
});
afterAll(async () => {
  const entries = await traceOf();
  expect(verifyTraceChain(entries).valid).toBe(true);
  await sandbox.close();
});

describe('approval abuse is refused, leaves the device alone and is traced', () => {
  it('self-approval', async () => {
    const device = onlineDevice();
    const requested = await isolate(admin, device.id);
    const res = await admin.post(`/actions/${requested.body.id}/approve`, {});
    const entry = await expectRefused(res, 403, requested.body.id, device.id);
    expect(entry.details.reason).toBe('self_approval');
  });

  it('a second token of the same person: the principal, not the token, is the requester', async () => {
    const second = await admin.post('/senseonapi/caa/pats', {
      name: 'my other token',
      expiry_at: new Date(Date.now() + 86_400_000).toISOString(),
      scopes: ['actions:approve', 'actions:approve_critical', 'cases:read'],
    });
    expect(second.status).toBe(201);
    const device = onlineDevice();
    const requested = await isolate(admin, device.id);
    const res = await admin.as(second.body.token).post(`/actions/${requested.body.id}/approve`, {
      approver: 'Someone Else',
    });
    const entry = await expectRefused(res, 403, requested.body.id, device.id);
    expect(entry.details.reason).toBe('self_approval');
    expect(entry.actor.principal).toBe('admin');
  });

  it('an expired action', async () => {
    const device = onlineDevice();
    const requested = await isolate(analyst, device.id, { expires_in: 60 });
    sandbox.clock.advance(61_000);
    const res = await approver.post(`/actions/${requested.body.id}/approve`, {});
    const entry = await expectRefused(res, 409, requested.body.id, device.id);
    expect(entry.details.reason).toBe('not_pending');
    expect((await admin.get(`/actions/${requested.body.id}`)).body.status).toBe('expired');
  });

  it('a token without actions:approve', async () => {
    const device = onlineDevice();
    const requested = await isolate(admin, device.id);
    const res = await analyst.post(`/actions/${requested.body.id}/approve`, {});
    const entry = await expectRefused(res, 403, requested.body.id, device.id);
    expect(entry.details).toMatchObject({ reason: 'missing_scope', scope: 'actions:approve' });
  });

  it('a crown jewel without actions:approve_critical', async () => {
    const jewel = takeDevice((d) => d.criticality === 'crown_jewel' && d.status === 'online');
    const requested = await isolate(analyst, jewel.id);
    const res = await approver.post(`/actions/${requested.body.id}/approve`, {});
    const entry = await expectRefused(res, 428, requested.body.id, jewel.id);
    expect(entry.details.reason).toBe('step_up_required');
  });
});
