import { detectionFinding } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

/**
 * What a poller pages by: the order the API stored things in. `ingested_at` for observations,
 * `GET /events` for case and action changes; neither can put something behind a poller's place.
 */
let sandbox: RunningSandbox;
let admin: Api;
let analyst: Api;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  analyst = apiFor(sandbox, 'analyst');
});
afterAll(() => sandbox.close());

function observation(title: string, observedAt: Date) {
  return {
    observed_at: observedAt.toISOString(),
    source: 'endpoint',
    severity: 'low',
    title,
    ocsf: detectionFinding({ uid: title, title, severity: 'low', time: observedAt.getTime() }),
  };
}

describe('observations in the order they were stored', () => {
  it('stamps ingested_at when stored; a late upload lists after what was read before it', async () => {
    const onTime = await admin.post('/observations', observation('on time', new Date()));
    expect(onTime.status).toBe(201);
    const readUpTo: string = onTime.body.ingested_at;
    expect(Date.parse(readUpTo)).toBeGreaterThanOrEqual(Date.parse(onTime.body.observed_at));

    // Observed 20 minutes and 3 hours ago, uploaded now: earlier event time, later storage.
    const late = await admin.post('/observations', {
      observations: [
        observation('late 20 min', new Date(Date.now() - 20 * 60_000)),
        observation('late 3 h', new Date(Date.now() - 3 * 3600_000)),
      ],
    });
    expect(late.status).toBe(201);
    for (const item of late.body.data) {
      expect(Date.parse(item.ingested_at)).toBeGreaterThanOrEqual(Date.parse(readUpTo));
    }

    const after = new Date(Date.parse(readUpTo) - 1).toISOString();
    const page = await analyst.get(
      `/observations?sort=ingested_at&ingested_after=${encodeURIComponent(after)}&limit=1000`,
    );
    expect(page.status).toBe(200);
    const ids = page.body.data.map((o: Json) => o.id);
    expect(ids).toEqual([onTime.body.id, ...late.body.data.map((o: Json) => o.id)]);
    const times = page.body.data.map((o: Json) => Date.parse(o.ingested_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // Newest stored first, and the observation's own GET agrees.
    const newest = await analyst.get('/observations?sort=-ingested_at&limit=1');
    expect(newest.body.data[0].id).toBe(late.body.data[1].id);
    const one = await analyst.get(`/observations/${onTime.body.id}`);
    expect(one.body.ingested_at).toBe(readUpTo);
  });

  it('a cursor keeps its sort: another sort with it is 400 on cursor', async () => {
    const first = await analyst.get('/observations?sort=ingested_at&limit=2');
    const cursor = first.body.pagination.next_cursor as string;
    expect(cursor).toEqual(expect.any(String));
    const next = await analyst.get(`/observations?sort=ingested_at&limit=2&cursor=${cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.data[0].id).not.toBe(first.body.data[1].id);
    const other = await analyst.get(`/observations?limit=2&cursor=${cursor}`);
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].field).toBe('cursor');
  });
});

describe('GET /events', () => {
  it('lists every case change in order, each with what changed and who, never a test event', async () => {
    const [item] = (await analyst.get('/cases?status=open&limit=1')).body.data;
    const start = (await analyst.get('/events?sort=-created_at&limit=1')).body.data[0];
    const one = await analyst.patch(`/cases/${item.id}`, { status: 'investigating' });
    const severity = item.severity === 'critical' ? 'low' : 'critical';
    const two = await analyst.patch(`/cases/${item.id}`, { severity });
    const comment = await analyst.post(`/cases/${item.id}/comments`, { body: 'Seen.' });
    const hook = await analyst.post('/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['case.updated'],
    });
    await analyst.post(`/webhooks/${hook.body.id}/test`);

    const after = start ? new Date(Date.parse(start.created_at) - 1).toISOString() : undefined;
    const query = `type=case.updated&type=case.comment_added${after ? `&created_after=${after}` : ''}`;
    const listed = (await analyst.get(`/events?${query}`)).body.data.filter(
      (e: Json) => e.id !== start?.id,
    );
    expect(listed.map((e: Json) => e.type)).toEqual([
      'case.updated',
      'case.updated',
      'case.comment_added',
    ]);
    expect(listed[0]).toMatchObject({
      created_at: one.body.updated_at,
      changes: { status: { from: 'open', to: 'investigating' } },
      actor: { principal: 'analyst' },
      data: { id: item.id, status: 'investigating' },
    });
    expect(listed[1]).toMatchObject({
      created_at: two.body.updated_at,
      changes: { severity: { from: item.severity, to: severity } },
    });
    expect(listed[2]).toMatchObject({
      created_at: comment.body.created_at,
      data: { id: comment.body.id },
    });
    expect(listed.some((e: Json) => e.test)).toBe(false);
  });

  it('names the field at fault: a type it does not list, and needs cases:read', async () => {
    const bad = await analyst.get('/events?type=observation.created');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toMatch(/^type/);
    const pat = await analyst.post('/senseonapi/caa/pats', {
      name: 'no cases',
      expiry_at: new Date(Date.now() + 3600_000).toISOString(),
      scopes: ['devices:read'],
    });
    const denied = await analyst.as(pat.body.token).get('/events');
    expect(denied.status).toBe(403);
  });
});
