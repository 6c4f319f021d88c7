import type { TraceEntry } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { apiFor, eventually, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let analyst: Api;
let approver: Api;
let devices: Json[];
let caseId: string;

const request = (as: Api, target: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  as.post(`/cases/${caseId}/actions`, {
    type: 'run_script',
    target,
    justification: 'Triage of the case’s hosts.',
    ...extra,
  });

const final = (id: string) =>
  eventually(
    async () => {
      const res = await admin.get(`/actions/${id}`);
      return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
    },
    5_000,
    `action ${id} to finish`,
  );

const traceEvents = async (): Promise<TraceEntry[]> =>
  (await admin.get(`/cases/${caseId}/trace?limit=1000`)).body.data;

function setDeviceStatus(id: string, status: string): void {
  sandbox.db
    .prepare(`UPDATE devices SET status = ?, doc = json_set(doc, '$.status', ?) WHERE id = ?`)
    .run(status, status, id);
}

const online = (os: string) => devices.filter((d) => d.status === 'online' && d.os.type === os);

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  analyst = apiFor(sandbox, 'analyst');
  approver = apiFor(sandbox, 'approver');
  devices = (await admin.get('/devices?limit=1000')).body.data;
  caseId = (await admin.get('/cases?limit=1&status=open&status=investigating')).body.data[0].id;
});
afterAll(() => sandbox.close());

describe('GET /scripts', () => {
  it('lists the catalog with OS, JSON Schema parameters and containment, paged and filtered', async () => {
    const all = await admin.get('/scripts');
    expect(all.status).toBe(200);
    expect(all.body.data.length).toBeGreaterThanOrEqual(6);
    for (const script of all.body.data) {
      expect(script.id).toMatch(/^scr_/);
      expect(script.parameters.type).toBe('object');
      expect(typeof script.containment).toBe('boolean');
    }
    expect(all.body.data.some((s: Json) => s.containment)).toBe(true);
    expect(all.body.data.some((s: Json) => !s.containment)).toBe(true);
    const linux = await admin.get('/scripts?os_type=linux');
    expect(linux.body.data.every((s: Json) => s.os_types.includes('linux'))).toBe(true);
    expect(linux.body.data.length).toBeLessThan(all.body.data.length);
    const first = await admin.get('/scripts?limit=2');
    const second = await admin.get(`/scripts?limit=2&cursor=${first.body.pagination.next_cursor}`);
    expect(second.body.data[0].id > first.body.data[1].id).toBe(true);
    expect(first.body.pagination.total_items).toBe(all.body.data.length);
  });
});

describe('run_script', () => {
  it('runs a collection script at once and reports each device’s exit code and output', async () => {
    const [a, b] = online('linux');
    const res = await request(analyst, {
      script_id: 'scr_processlist',
      device_ids: [a.id, b.id],
      parameters: { include_command_line: false },
    });
    expect(res.status).toBe(202);
    expect(res.body.requires_approval).toBe(false);
    expect(res.body.policy.rule).toBe('collection_runs_immediately');
    const done = await final(res.body.id);
    expect(done.status).toBe('completed');
    expect(done.result.devices.map((d: Json) => d.device_id)).toEqual([a.id, b.id]);
    for (const device of done.result.devices) {
      expect(device.exit_code).toBe(0);
      expect(device.stdout_excerpt).toContain('processes on');
    }
    const events = (await traceEvents()).filter((e) => e.details.action_id === res.body.id);
    expect(events.map((e) => e.event)).toEqual([
      'action.requested',
      'action.approved',
      'action.executing',
      'action.completed',
    ]);
    expect(events[3]?.details.devices).toHaveLength(2);
  });

  it('holds a containment script for a human, and runs it only after approval', async () => {
    const [device] = online('windows');
    const res = await request(analyst, {
      script_id: 'scr_killprocess',
      device_ids: [device.id],
      parameters: { process_name: 'rundll32.exe' },
    });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending_approval');
    expect(res.body.policy.rule).toBe('containment_requires_approval');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await admin.get(`/actions/${res.body.id}`)).body.result).toBeNull();
    const approved = await approver.post(`/actions/${res.body.id}/approve`, { comment: 'go' });
    expect(approved.status).toBe(200);
    const done = await final(res.body.id);
    expect(done.result.devices[0].stdout_excerpt).toContain('Terminated rundll32.exe');
    const events = (await traceEvents())
      .filter((e) => e.details.action_id === res.body.id)
      .map((e) => e.event);
    expect(events).toEqual([
      'action.requested',
      'action.approved',
      'action.executing',
      'action.completed',
    ]);
  });

  it('holds even a collection script for a human when an AI agent asks', async () => {
    const [device] = online('linux');
    const res = await request(
      admin,
      { script_id: 'scr_persistence', device_ids: [device.id] },
      { origin: 'agent' },
    );
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending_approval');
    expect(res.body.policy.rule).toBe('agent_requires_approval');
  });

  it('refuses an unknown script with INVALID_SCRIPT_ID, and traces the refusal', async () => {
    const [device] = online('linux');
    const res = await request(analyst, { script_id: 'scr_nosuch', device_ids: [device.id] });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('INVALID_SCRIPT_ID');
    expect(res.body.error.details[0].field).toBe('target.script_id');
    const refusal = (await traceEvents()).filter(
      (e) => e.event === 'action.request_refused' && e.details.code === 'INVALID_SCRIPT_ID',
    );
    expect(refusal).toHaveLength(1);
  });

  it.each([
    [{}, 'target.parameters.process_name', 'is required by the script'],
    [{ process_name: 'x', force: true }, 'target.parameters.force', 'is not a parameter'],
    [{ process_name: 'x', pid: 0 }, 'target.parameters.pid', 'must be >= 1'],
  ])(
    'refuses parameters %j with INVALID_SCRIPT_INPUT naming %s',
    async (parameters, field, issue) => {
      const [device] = online('linux');
      const res = await request(analyst, {
        script_id: 'scr_killprocess',
        device_ids: [device.id],
        parameters,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_SCRIPT_INPUT');
      expect(res.body.error.details[0].field).toBe(field);
      expect(res.body.error.details[0].issue).toContain(issue);
      expect(res.body.error.message).toContain(field);
    },
  );

  it('refuses an unknown device with INVALID_ENDPOINT_ID naming its place in device_ids', async () => {
    const [device] = online('linux');
    const res = await request(analyst, {
      script_id: 'scr_persistence',
      device_ids: [device.id, 'dev_doesnotexist'],
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('INVALID_ENDPOINT_ID');
    expect(res.body.error.details[0].field).toBe('target.device_ids.1');
  });

  it('refuses a device of the wrong OS, or offline, with INVALID_DEVICES', async () => {
    const [linux] = online('linux');
    const wrongOs = await request(analyst, {
      script_id: 'scr_triagepkg',
      device_ids: [linux.id],
    });
    expect(wrongOs.status).toBe(422);
    expect(wrongOs.body.error.code).toBe('INVALID_DEVICES');
    expect(wrongOs.body.error.details[0]).toEqual({
      field: 'target.device_ids.0',
      issue: expect.stringContaining('runs linux'),
    });
    const [, , offline] = online('linux');
    setDeviceStatus(offline.id, 'offline');
    const res = await request(analyst, { script_id: 'scr_persistence', device_ids: [offline.id] });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].issue).toContain('offline');
  });

  it('needs a script id and devices, named', async () => {
    const res = await request(analyst, { parameters: {} });
    expect(res.status).toBe(400);
    const fields = res.body.error.details.map((d: Json) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['target.script_id', 'target.device_ids']));
  });

  it('reports a device that went offline before the run as failed, with no exit code', async () => {
    const [device] = online('macos');
    const res = await request(analyst, {
      script_id: 'scr_blockaddress',
      device_ids: [device.id],
      parameters: { ip: '203.0.113.7' },
    });
    expect(res.body.status).toBe('pending_approval');
    setDeviceStatus(device.id, 'offline');
    await approver.post(`/actions/${res.body.id}/approve`, {});
    const done = await final(res.body.id);
    expect(done.status).toBe('failed');
    expect(done.result.devices[0]).toMatchObject({ outcome: 'failed', exit_code: null });
  });
});
