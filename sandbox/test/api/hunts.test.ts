import type { RunningSandbox } from '../../src';
import { apiFor, eventually, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

const DAY = 86_400_000;
const FINAL = ['done', 'failed', 'cancelled', 'timed_out'];
let sandbox: RunningSandbox;
let analyst: Api;
let after: string;
let before: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = apiFor(sandbox, 'analyst');
  const now = Date.now();
  after = new Date(now - 7 * DAY).toISOString();
  before = new Date(now).toISOString();
});
afterAll(() => sandbox.close());

const ended = (api: Api, id: string, timeoutMs = 60_000) =>
  eventually(
    async () => {
      const res = await api.get(`/hunts/${id}`);
      return FINAL.includes(res.body.status) ? res.body : undefined;
    },
    timeoutMs,
    `hunt ${id} to end`,
  );

async function allResults(id: string): Promise<Json[]> {
  const out: Json[] = [];
  let cursor: string | null = null;
  do {
    const res: Json = await analyst.get(
      `/hunts/${id}/results?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    out.push(...res.body.data);
    cursor = res.body.pagination.next_cursor;
  } while (cursor);
  return out;
}

/** The tenant chain's newest DecisionTrace entries. */
async function latestTrace(api: Api, count = 20): Promise<Json[]> {
  const size = (await api.get('/trace/checkpoint')).body.tree_size as number;
  const res = await api.get(`/trace/entries?start=${Math.max(0, size - count)}&limit=${count}`);
  return res.body.data;
}

describe('hunts', () => {
  it('202 queued, runs to done, and finds the process launch a case observed', async () => {
    // A process launch the detections drew an observation from, somewhere in the last week.
    const observation: Json = (
      await analyst.get(`/observations?class_uid=1007&observed_after=${after}&limit=1`)
    ).body.data[0];
    const name = observation.ocsf.process.name as string;
    const query = `process.name = "${name}" AND NOT actor.user.name in ("svc_nobody")`;
    const created = await analyst.post('/hunts', {
      query,
      observed_after: after,
      observed_before: before,
      device_ids: [observation.device_id],
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^hunt_/),
      status: 'queued',
      query,
      device_ids: [observation.device_id],
      result_count: 0,
      error: null,
      requested_by: { principal: 'analyst', origin: 'automation' },
    });

    const hunt = await ended(analyst, created.body.id);
    expect(hunt.status).toBe('done');
    expect(hunt.started_at).not.toBeNull();
    expect(hunt.finished_at).not.toBeNull();
    expect(hunt.scanned_count).toBeGreaterThan(hunt.result_count);

    const results = await allResults(hunt.id);
    expect(results).toHaveLength(hunt.result_count);
    expect(results.map((e) => e.observation_id)).toContain(observation.id);
    for (const event of results) {
      expect(event.ocsf.process.name.toLowerCase()).toBe(name.toLowerCase());
      expect(event.device_id).toBe(observation.device_id);
    }

    const trace = await latestTrace(analyst);
    const mine = trace.filter((e) => e.details.hunt_id === hunt.id);
    expect(mine.map((e) => e.event)).toEqual(['hunt.requested', 'hunt.completed']);
    expect(mine[0]).toMatchObject({ case_id: null, actor: { principal: 'analyst' } });
    expect(mine[0].details).toMatchObject({ query, device_ids: [observation.device_id] });
    expect(mine[1].details).toMatchObject({ status: 'done', result_count: hunt.result_count });
  });

  it('a malformed query is 400 VALIDATION_ERROR naming the column and what was expected', async () => {
    const res = await analyst.post('/hunts', {
      query: 'process.name = "cmd.exe" AND (user.name = ',
      observed_after: after,
      observed_before: before,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.details).toEqual([
      {
        field: 'query',
        issue:
          'column 43: expected a value (a "quoted string" or a number), found the end of the query',
      },
    ]);
  });

  it('refuses a range over 7 days and a device that is not the tenant’s, naming them', async () => {
    const wide = await analyst.post('/hunts', {
      query: 'process.name = "cmd.exe"',
      observed_after: new Date(Date.parse(before) - 8 * DAY).toISOString(),
      observed_before: before,
    });
    expect(wide.status).toBe(400);
    expect(wide.body.error.details[0].field).toBe('observed_before');

    const device = await analyst.post('/hunts', {
      query: 'process.name = "cmd.exe"',
      observed_after: after,
      observed_before: before,
      device_ids: ['dev_nothere123'],
    });
    expect(device.status).toBe(404);
    expect(device.body.error.code).toBe('INVALID_ENDPOINT_ID');
    expect(device.body.error.details[0].field).toBe('device_ids.0');
  });

  it('DELETE cancels a hunt once: 409 after it has ended, and the trace says who cancelled', async () => {
    const created = await analyst.post('/hunts', {
      query: 'class_uid = 4003',
      observed_after: after,
      observed_before: before,
    });
    const cancelled = await analyst.delete(`/hunts/${created.body.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.finished_at).not.toBeNull();
    // The runner sees it and stops; the hunt stays cancelled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await analyst.get(`/hunts/${created.body.id}`)).body.status).toBe('cancelled');

    const again = await analyst.delete(`/hunts/${created.body.id}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');

    const trace = await latestTrace(analyst);
    const entry = trace.find(
      (e) => e.event === 'hunt.cancelled' && e.details.hunt_id === created.body.id,
    );
    expect(entry).toMatchObject({ actor: { principal: 'analyst' }, case_id: null });
  });

  it('another tenant’s hunt answers 404 like an unknown one; the scope is needed', async () => {
    const created = await analyst.post('/hunts', {
      query: 'class_uid = 1001',
      observed_after: after,
      observed_before: before,
    });
    const admin = apiFor(sandbox, 'admin');
    const tenants: Json[] = (await admin.get('/me')).body.tenants;
    const mine = (await analyst.get('/me')).body.tenant.id;
    const other = tenants.find((t) => t.id !== mine)!;
    const foreign = await admin.get(`/hunts/${created.body.id}`, {
      headers: { 'X-SenseOn-Tenant': other.id },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.details[0].field).toBe('hunt_id');
    expect((await analyst.get('/hunts/hunt_unknown1')).status).toBe(404);

    const readonly = await apiFor(sandbox, 'readonly').post('/hunts', {
      query: 'class_uid = 1001',
      observed_after: after,
      observed_before: before,
    });
    expect(readonly.status).toBe(403);
    await analyst.delete(`/hunts/${created.body.id}`);
  });
});

describe('a hunt that runs past the query timeout', () => {
  let slow: RunningSandbox;
  beforeAll(async () => {
    slow = await startTestSandbox({ queryTimeoutMs: 0 });
  });
  afterAll(() => slow.close());

  it('ends timed_out with the 504 meaning, and a telemetry read answers 504', async () => {
    const api = apiFor(slow, 'analyst');
    const created = await api.post('/hunts', {
      query: 'process.name = "cmd.exe"',
      observed_after: after,
      observed_before: before,
    });
    const hunt = await ended(api, created.body.id);
    expect(hunt.status).toBe('timed_out');
    expect(hunt.error.code).toBe('GATEWAY_TIMEOUT');
    expect(hunt.error.message).toContain('try a more specific query');
    const trace = await latestTrace(api);
    expect(
      trace.find((e) => e.details.hunt_id === hunt.id && e.event === 'hunt.timed_out'),
    ).toBeDefined();

    const read = await api.get(
      `/telemetry?observed_after=${after}&observed_before=${before}&field=process.name&value=cmd.exe`,
    );
    expect(read.status).toBe(504);
    expect(read.body.error.code).toBe('GATEWAY_TIMEOUT');
    expect(read.body.error.message).toContain('try a more specific query');
  });
});
