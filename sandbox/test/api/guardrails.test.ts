import { verifyTraceChain, type TraceEntry } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { startReceiver, type Receiver } from '../helpers/receiver';
import {
  apiFor,
  eventually,
  sleep,
  startTestSandbox,
  type Api,
  type Json,
} from '../helpers/sandbox';
import { eventOf, verifiedEvent } from '../helpers/webhooks';

let sandbox: RunningSandbox;
let admin: Api;
let analyst: Api;
let approver: Api;
let devices: Json[];
let users: Json[];
let caseId: string;

/** Devices handed out one per test, so one test's isolation never trips another's. */
function takeDevice(match: (d: Json) => boolean): Json {
  const index = devices.findIndex(match);
  if (index === -1) throw new Error('the seed has no device for this test');
  return devices.splice(index, 1)[0];
}
const onlineDevice = () =>
  takeDevice((d) => d.status === 'online' && d.criticality !== 'crown_jewel');

function setDeviceStatus(id: string, status: string): void {
  sandbox.db
    .prepare(`UPDATE devices SET status = ?, doc = json_set(doc, '$.status', ?) WHERE id = ?`)
    .run(status, status, id);
}

function takeUser(status: 'active' | 'disabled'): Json {
  const index = users.findIndex((u) => u.status === status);
  if (index !== -1) return users.splice(index, 1)[0];
  const user = users.splice(0, 1)[0];
  sandbox.db
    .prepare(`UPDATE users SET status = ?, doc = json_set(doc, '$.status', ?) WHERE id = ?`)
    .run(status, status, user.id);
  return { ...user, status };
}

const request = (as: Api, body: Record<string, unknown>, onCase = caseId) =>
  as.post(`/cases/${onCase}/actions`, { justification: 'Seen in the case evidence.', ...body });

const waitForStatus = (id: string, statuses: string[]) =>
  eventually(
    async () => {
      const res = await admin.get(`/actions/${id}`);
      return statuses.includes(res.body.status) ? res.body : undefined;
    },
    5_000,
    `action ${id} to reach ${statuses.join('/')}`,
  );

const traceOf = async (id: string): Promise<TraceEntry[]> =>
  (await admin.get(`/cases/${id}/trace?limit=1000`)).body.data;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  analyst = apiFor(sandbox, 'analyst');
  approver = apiFor(sandbox, 'approver');
  devices = (await admin.get('/devices?limit=1000')).body.data;
  users = sandbox.db
    .prepare('SELECT doc FROM users WHERE tenant_id = ?')
    .all(sandbox.tenants[0] as string)
    .map((row) => JSON.parse((row as { doc: string }).doc));
  caseId = (await admin.get('/cases?limit=1&status=open&status=investigating')).body.data[0].id;
});
afterAll(() => sandbox.close());

describe('the Guardrails policy', () => {
  it.each([
    ['isolate_device', 'human', true, 'containment_requires_approval'],
    ['isolate_device', 'automation', true, 'containment_requires_approval'],
    ['disable_user', 'automation', true, 'containment_requires_approval'],
    ['add_ioc', 'human', false, 'low_impact_runs_immediately'],
    ['add_ioc', 'automation', false, 'low_impact_runs_immediately'],
    ['add_ioc', 'agent', true, 'agent_requires_approval'],
    ['close_case', 'agent', true, 'agent_requires_approval'],
    ['release_device', 'automation', false, 'restore_runs_immediately'],
    ['enable_user', 'human', false, 'restore_runs_immediately'],
    ['release_device', 'agent', true, 'agent_requires_approval'],
  ])('%s from %s: requires_approval=%s (%s)', async (type, origin, needsApproval, rule) => {
    const target =
      type === 'isolate_device'
        ? { device_id: onlineDevice().id }
        : type === 'release_device'
          ? (() => {
              const device = onlineDevice();
              setDeviceStatus(device.id, 'isolated');
              return { device_id: device.id };
            })()
          : type === 'disable_user'
            ? { user_id: takeUser('active').id }
            : type === 'enable_user'
              ? { user_id: takeUser('disabled').id }
              : type === 'add_ioc'
                ? { ioc: { type: 'domain', value: `${origin}-c2.example` } }
                : {};
    const onCase =
      type === 'close_case'
        ? (await admin.get('/cases?limit=1&status=open')).body.data[0].id
        : caseId;
    const res = await request(analyst, { type, origin, target }, onCase);
    expect(res.status).toBe(202);
    expect(res.body.requires_approval).toBe(needsApproval);
    expect(res.body.policy.rule).toBe(rule);
    expect(res.body.policy.reason).toEqual(expect.any(String));
    expect(res.body.requested_by).toEqual({ principal: 'analyst', origin });
    if (needsApproval) {
      expect(res.body.status).toBe('pending_approval');
      // Nothing that needs approval runs before it is approved.
      await sleep(100);
      expect((await admin.get(`/actions/${res.body.id}`)).body.status).toBe('pending_approval');
    } else {
      const done = await waitForStatus(res.body.id, ['completed', 'failed']);
      expect(done.status).toBe('completed');
      expect(done.decided_by.principal).toBe('guardrails-policy');
    }
  });
});

describe('approvals', () => {
  it('runs an approved isolation: executing, then completed, the device isolated, device.updated emitted', async () => {
    const device = onlineDevice();
    const requested = await request(analyst, {
      type: 'isolate_device',
      target: { device_id: device.id },
    });
    await sleep(50);
    expect((await admin.get(`/devices/${device.id}`)).body.status).toBe('online');

    const approved = await approver.post(`/actions/${requested.body.id}/approve`, {
      approver: 'Priya (SOC lead)',
      comment: 'Confirmed encryption activity.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.decided_by).toMatchObject({
      principal: 'approver',
      origin: 'human',
      name: 'Priya (SOC lead)',
    });
    expect(approved.body.decision_comment).toBe('Confirmed encryption activity.');

    const done = await waitForStatus(requested.body.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.result.outcome).toBe('completed');
    expect((await admin.get(`/devices/${device.id}`)).body.status).toBe('isolated');
    const events = sandbox.db
      .prepare(`SELECT body FROM events WHERE type = 'device.updated'`)
      .all()
      .map((row) => JSON.parse((row as { body: string }).body));
    expect(events.some((e) => e.data.id === device.id && e.data.status === 'isolated')).toBe(true);

    const trace = (await traceOf(caseId)).filter((e) => e.details.action_id === requested.body.id);
    expect(trace.map((e) => e.event)).toEqual([
      'action.requested',
      'action.approved',
      'action.executing',
      'action.completed',
    ]);

    // Releasing it runs at once and puts it back online.
    const release = await request(analyst, {
      type: 'release_device',
      target: { device_id: device.id },
    });
    await waitForStatus(release.body.id, ['completed']);
    expect((await admin.get(`/devices/${device.id}`)).body.status).toBe('online');
  });

  it('disables a user once approved', async () => {
    const user = takeUser('active');
    const requested = await request(analyst, {
      type: 'disable_user',
      target: { user_id: user.id },
    });
    await approver.post(`/actions/${requested.body.id}/approve`, {});
    await waitForStatus(requested.body.id, ['completed']);
    const row = sandbox.db.prepare('SELECT status FROM users WHERE id = ?').get(user.id) as {
      status: string;
    };
    expect(row.status).toBe('disabled');
  });

  it('puts an approved IOC on the tenant’s IOC list, and closes a case', async () => {
    const hash = 'a'.repeat(64);
    const ioc = await request(analyst, {
      type: 'add_ioc',
      target: { ioc: { type: 'sha256', value: hash } },
    });
    await waitForStatus(ioc.body.id, ['completed']);
    const listed = sandbox.db.prepare('SELECT * FROM iocs WHERE value = ?').get(hash) as Json;
    expect(listed).toMatchObject({
      type: 'sha256',
      action_id: ioc.body.id,
      tenant_id: sandbox.tenants[0],
    });

    const other = (await admin.get('/cases?status=open&limit=5')).body.data.find(
      (c: Json) => c.id !== caseId,
    );
    const close = await request(analyst, { type: 'close_case', target: {} }, other.id);
    await waitForStatus(close.body.id, ['completed']);
    expect((await admin.get(`/cases/${other.id}`)).body.status).toBe('closed');
  });

  it('forbids self-approval (403) and records the refusal', async () => {
    const requested = await request(admin, {
      type: 'isolate_device',
      target: { device_id: onlineDevice().id },
    });
    const res = await admin.post(`/actions/${requested.body.id}/approve`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const refusal = (await traceOf(caseId)).find(
      (e) => e.event === 'action.approval_refused' && e.details.action_id === requested.body.id,
    );
    expect(refusal?.details.reason).toBe('self_approval');
    expect((await admin.get(`/actions/${requested.body.id}`)).body.status).toBe('pending_approval');
  });

  it('answers 409 to a decision on an action already decided', async () => {
    const requested = await request(analyst, {
      type: 'disable_user',
      target: { user_id: takeUser('active').id },
    });
    const rejected = await approver.post(`/actions/${requested.body.id}/reject`, {
      reason: 'False positive: pen test.',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    const again = await approver.post(`/actions/${requested.body.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const rejectAgain = await admin.post(`/actions/${requested.body.id}/reject`, {
      reason: 'again',
    });
    expect(rejectAgain.status).toBe(409);
  });

  it('needs step-up (428) to approve isolating a crown jewel; actions:approve_critical passes', async () => {
    const jewel = takeDevice((d) => d.criticality === 'crown_jewel' && d.status === 'online');
    const requested = await request(analyst, {
      type: 'isolate_device',
      target: { device_id: jewel.id },
    });
    const res = await approver.post(`/actions/${requested.body.id}/approve`, {});
    expect(res.status).toBe(428);
    expect(res.body.error.code).toBe('STEP_UP_REQUIRED');
    expect(res.body.error.message).toContain('actions:approve_critical');
    const critical = await admin.post(`/actions/${requested.body.id}/approve`, {});
    expect(critical.status).toBe(200);
    const refusal = (await traceOf(caseId)).find(
      (e) => e.event === 'action.approval_refused' && e.details.action_id === requested.body.id,
    );
    expect(refusal?.details.reason).toBe('step_up_required');
  });

  it('answers 403 naming the scope when a token without actions:approve decides, and records it', async () => {
    const requested = await request(admin, {
      type: 'isolate_device',
      target: { device_id: onlineDevice().id },
    });
    const res = await analyst.post(`/actions/${requested.body.id}/approve`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('actions:approve');
    const refusal = (await traceOf(caseId)).find(
      (e) => e.event === 'action.approval_refused' && e.details.action_id === requested.body.id,
    );
    expect(refusal?.details).toMatchObject({ reason: 'missing_scope', scope: 'actions:approve' });
  });
});

describe('ineligible devices (422 INVALID_DEVICES)', () => {
  it.each([
    ['an offline device', 'isolate_device', 'offline'],
    ['a device already isolated', 'isolate_device', 'isolated'],
    ['releasing a device that is not isolated', 'release_device', 'online'],
  ])('refuses %s', async (_name, type, status) => {
    const device = onlineDevice();
    setDeviceStatus(device.id, status);
    const res = await request(analyst, { type, target: { device_id: device.id } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_DEVICES');
    expect(res.body.error.details[0].field).toBe('target.device_id');
    const refusal = (await traceOf(caseId))
      .reverse()
      .find((e) => e.event === 'action.request_refused');
    expect(refusal?.details).toMatchObject({ type, status: 422, code: 'INVALID_DEVICES' });
  });

  it('refuses a device of another tenant exactly like an unknown one', async () => {
    const foreign = (
      await admin.get('/devices?limit=1', {
        headers: { 'X-SenseOn-Tenant': sandbox.tenants[1] as string },
      })
    ).body.data[0];
    const res = await request(analyst, {
      type: 'isolate_device',
      target: { device_id: foreign.id },
    });
    const unknown = await request(analyst, {
      type: 'isolate_device',
      target: { device_id: 'dev_unknown1' },
    });
    // An unknown device is the contract's 404 INVALID_ENDPOINT_ID naming target.device_id.
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('INVALID_ENDPOINT_ID');
    expect(unknown.body.error.details[0].field).toBe('target.device_id');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('INVALID_ENDPOINT_ID');
    expect(res.body.error.details).toEqual(unknown.body.error.details);
  });
});

describe('expiry', () => {
  it('expires a pending action at expires_at; it never runs and cannot be approved', async () => {
    const device = onlineDevice();
    const requested = await request(analyst, {
      type: 'isolate_device',
      target: { device_id: device.id },
      expires_in: 120,
    });
    expect(Date.parse(requested.body.expires_at) - Date.parse(requested.body.created_at)).toBe(
      120_000,
    );
    sandbox.clock.advance(121_000);
    const action = await admin.get(`/actions/${requested.body.id}`);
    expect(action.body.status).toBe('expired');
    const late = await approver.post(`/actions/${requested.body.id}/approve`, {});
    expect(late.status).toBe(409);
    expect((await admin.get(`/devices/${device.id}`)).body.status).toBe('online');
    const trace = await traceOf(caseId);
    expect(
      trace.some((e) => e.event === 'action.expired' && e.details.action_id === requested.body.id),
    ).toBe(true);
    const expiredEvent = sandbox.db
      .prepare(`SELECT body FROM events WHERE type = 'action.expired'`)
      .all()
      .map((row) => JSON.parse((row as { body: string }).body))
      .find((e) => e.data.id === requested.body.id);
    expect(expiredEvent).toBeDefined();
  });

  it('defaults to one hour', async () => {
    const requested = await request(analyst, {
      type: 'disable_user',
      target: { user_id: takeUser('active').id },
    });
    expect(Date.parse(requested.body.expires_at) - Date.parse(requested.body.created_at)).toBe(
      3_600_000,
    );
  });
});

describe('decision callbacks', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('POSTs the decision and the result, signed with the callback secret shown once', async () => {
    const device = onlineDevice();
    const requested = await request(analyst, {
      type: 'isolate_device',
      target: { device_id: device.id },
      callback_url: `${receiver.url}/resume/1`,
    });
    const secret: string = requested.body.callback_secret;
    expect(secret).toMatch(/^whsec_/);
    expect((await admin.get(`/actions/${requested.body.id}`)).text).not.toContain(secret);

    await approver.post(`/actions/${requested.body.id}/approve`, {});
    const ours = (r: { path: string }) => r.path === '/resume/1';
    await eventually(
      () => (receiver.received.filter(ours).length >= 2 ? true : undefined),
      5_000,
      'two callbacks',
    );
    const events = receiver.received.filter(ours).map((r) => verifiedEvent(r, secret));
    expect(events.map((e) => e.type)).toEqual(['action.approved', 'action.completed']);
    expect(events[1]?.data).toMatchObject({ id: requested.body.id, status: 'completed' });
    // A wrong secret does not verify.
    expect(() =>
      verifiedEvent(
        receiver.received.filter(ours)[0]!,
        'whsec_' + Buffer.from('wrong').toString('base64'),
      ),
    ).toThrow();
  });

  it('sends a callback only the events it asked for: the decision, then nothing after', async () => {
    const device = onlineDevice();
    const requested = await request(analyst, {
      type: 'isolate_device',
      target: { device_id: device.id },
      callback_url: `${receiver.url}/resume/decision-only`,
      callback_events: ['action.approved', 'action.rejected', 'action.expired'],
    });
    expect(requested.body.callback_events).toEqual([
      'action.approved',
      'action.rejected',
      'action.expired',
    ]);
    await approver.post(`/actions/${requested.body.id}/approve`, {});
    await eventually(
      async () =>
        (await admin.get(`/actions/${requested.body.id}`)).body.status === 'completed'
          ? true
          : undefined,
      5_000,
      'the action to complete',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ours = receiver.received.filter((r) => r.path === '/resume/decision-only');
    const secret: string = requested.body.callback_secret;
    expect(ours.map((r) => verifiedEvent(r, secret).type)).toEqual(['action.approved']);

    const orphan = await request(analyst, {
      type: 'close_case',
      target: {},
      callback_events: ['action.approved'],
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.details[0].field).toBe('callback_events');
  });

  it('POSTs a rejection, and an expiry, to the callback too', async () => {
    const rejectMe = await request(analyst, {
      type: 'disable_user',
      target: { user_id: takeUser('active').id },
      callback_url: `${receiver.url}/resume/2`,
    });
    await approver.post(`/actions/${rejectMe.body.id}/reject`, { reason: 'Not this user.' });
    const rejected = await receiver.waitUntil((r) => r.path === '/resume/2');
    expect(verifiedEvent(rejected, rejectMe.body.callback_secret).type).toBe('action.rejected');

    const expireMe = await request(analyst, {
      type: 'isolate_device',
      target: { device_id: onlineDevice().id },
      callback_url: `${receiver.url}/resume/3`,
      expires_in: 60,
    });
    sandbox.clock.advance(61_000);
    const expired = await receiver.waitUntil((r) => r.path === '/resume/3');
    expect(eventOf(expired).type).toBe('action.expired');
    expect(verifiedEvent(expired, expireMe.body.callback_secret).data.status).toBe('expired');
  });
});

describe('the DecisionTrace after all of this', () => {
  it('still verifies, chain by chain', async () => {
    const trace = await traceOf(caseId);
    expect(trace.length).toBeGreaterThan(10);
    expect(verifyTraceChain(trace)).toMatchObject({ valid: true });
  });
});
