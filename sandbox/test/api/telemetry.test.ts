import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

const DAY = 86_400_000;
let sandbox: RunningSandbox;
let analyst: Api;
// A fixed window in the seeded past, so two reads of it see the same events.
let after: string;
let before: string;
const range = () => `observed_after=${after}&observed_before=${before}`;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = apiFor(sandbox, 'analyst');
  const now = Date.now();
  after = new Date(now - 7 * DAY).toISOString();
  before = new Date(now - 60_000).toISOString();
});
afterAll(() => sandbox.close());

/** A device of the analyst's tenant that has observations drawn from telemetry. */
async function busyDevice(): Promise<string> {
  const obs = (await analyst.get(`/observations?class_uid=1007&limit=1&${range()}`)).body.data;
  return obs[0].device_id;
}

describe('GET /telemetry', () => {
  it('needs both ends of the range, at most 7 days apart, each named when wrong', async () => {
    const missing = await analyst.get(`/telemetry?observed_after=${after}`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_ERROR');
    expect(missing.body.error.details.map((d: Json) => d.field)).toEqual(['observed_before']);

    const none = await analyst.get('/telemetry');
    expect(none.body.error.details.map((d: Json) => d.field).sort()).toEqual([
      'observed_after',
      'observed_before',
    ]);

    const wide = await analyst.get(
      `/telemetry?observed_after=${new Date(Date.parse(before) - 8 * DAY).toISOString()}&observed_before=${before}`,
    );
    expect(wide.status).toBe(400);
    expect(wide.body.error.details).toEqual([
      { field: 'observed_before', issue: 'must be at most 7 days after observed_after' },
    ]);

    const backwards = await analyst.get(
      `/telemetry?observed_after=${before}&observed_before=${after}`,
    );
    expect(backwards.body.error.details[0]).toEqual({
      field: 'observed_before',
      issue: 'must be later than observed_after',
    });

    const halfMatch = await analyst.get(`/telemetry?${range()}&field=process.name`);
    expect(halfMatch.status).toBe(400);
    expect(halfMatch.body.error.details[0].field).toBe('value');

    const notAClass = await analyst.get(`/telemetry?${range()}&class_uid=2004`);
    expect(notAClass.status).toBe(400);
    expect(notAClass.body.error.details[0].field).toBe('class_uid');
  });

  it('needs telemetry:read, and names it', async () => {
    const res = await apiFor(sandbox, 'readonly').get(`/telemetry?${range()}`);
    expect(res.status).toBe(403);
    expect(res.body.error.details).toEqual([
      { field: 'scope', issue: 'telemetry:read is required' },
    ]);
  });

  it('answers unenriched OCSF events of the tenant, newest first, the same on every read', async () => {
    const first = await analyst.get(`/telemetry?${range()}&limit=50`);
    expect(first.status).toBe(200);
    const events: Json[] = first.body.data;
    expect(events).toHaveLength(50);
    const tenant = (await analyst.get('/me')).body.tenant.id;
    for (const event of events) {
      expect(event.id).toMatch(/^tel_[A-Za-z0-9]+$/);
      expect(event.tenant_id).toBe(tenant);
      expect([1001, 1007, 3002, 4001, 4003]).toContain(event.class_uid);
      expect(event.ocsf.class_uid).toBe(event.class_uid);
      expect(event.ocsf.time).toBe(Date.parse(event.time));
      expect(event.ocsf.unmapped).toBeUndefined();
      expect(event.ocsf.severity_id).toBe(1);
      expect(event.ocsf.metadata.uid).toBe(event.id);
      expect(Date.parse(event.time)).toBeGreaterThan(Date.parse(after));
      expect(Date.parse(event.time)).toBeLessThan(Date.parse(before));
    }
    const times = events.map((e) => Date.parse(e.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const again = await analyst.get(`/telemetry?${range()}&limit=50`);
    expect(again.body.data.map((e: Json) => e.id)).toEqual(events.map((e) => e.id));
    expect(first.body.pagination.total_items).toBeGreaterThan(10_000);
  });

  it('pages one device through 7 days with the cursor: every event once, total_items of them', async () => {
    const device = await busyDevice();
    const seen: Json[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const res: Json = await analyst.get(
        `/telemetry?${range()}&device_id=${device}&sort=time&limit=400${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data);
      total = res.body.pagination.total_items;
      cursor = res.body.pagination.next_cursor;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect(new Set(seen.map((e) => e.id)).size).toBe(total);
    expect(seen.every((e) => e.device_id === device)).toBe(true);
    const keys = seen.map((e) => [Date.parse(e.time), e.id] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    expect(keys).toEqual(sorted);
    // About six events an hour over a week.
    expect(total).toBeGreaterThan(7 * 24 * 3);
  });

  it('holds at least 100,000 events across the estate over the seeded two weeks', async () => {
    const admin = apiFor(sandbox, 'admin');
    const tenants: Json[] = (await admin.get('/me')).body.tenants;
    let estate = 0;
    const now = Date.now();
    for (const tenant of tenants) {
      for (const end of [now, now - 7 * DAY]) {
        const res = await admin.get(
          `/telemetry?observed_after=${new Date(end - 7 * DAY).toISOString()}&observed_before=${new Date(end).toISOString()}&limit=1`,
          { headers: { 'X-SenseOn-Tenant': tenant.id } },
        );
        expect(res.status).toBe(200);
        estate += res.body.pagination.total_items;
      }
    }
    expect(estate).toBeGreaterThanOrEqual(100_000);
  });

  it('every observation of an agent event is in telemetry: same device, time, class and process', async () => {
    const observations: Json[] = (
      await analyst.get(`/observations?${range()}&class_uid=1007&limit=5`)
    ).body.data;
    expect(observations.length).toBeGreaterThan(0);
    for (const o of observations) {
      const t = Date.parse(o.observed_at);
      const res = await analyst.get(
        `/telemetry?observed_after=${new Date(t - 1).toISOString()}&observed_before=${new Date(t + 1).toISOString()}&device_id=${o.device_id}`,
      );
      const drawn = res.body.data.find((e: Json) => e.observation_id === o.id);
      expect(drawn).toMatchObject({ device_id: o.device_id, class_uid: 1007, time: o.observed_at });
      expect(drawn.ocsf.process).toEqual(o.ocsf.process);
    }
  });

  it('filters by class and by a field match, and counts only what matches', async () => {
    const device = await busyDevice();
    const dns = await analyst.get(
      `/telemetry?${range()}&device_id=${device}&class_uid=4003&limit=1000`,
    );
    expect(dns.status).toBe(200);
    expect(dns.body.data.length).toBeGreaterThan(0);
    expect(dns.body.data.every((e: Json) => e.class_uid === 4003)).toBe(true);
    expect(dns.body.pagination.total_items).toBe(dns.body.data.length);

    const name = dns.body.data[0].ocsf.query.hostname as string;
    const match = await analyst.get(
      `/telemetry?${range()}&device_id=${device}&field=query.hostname&value=${encodeURIComponent(name.toUpperCase())}&limit=1000`,
    );
    expect(match.body.data.length).toBeGreaterThan(0);
    expect(
      match.body.data.every(
        (e: Json) => e.ocsf.query.hostname.toLowerCase() === name.toLowerCase(),
      ),
    ).toBe(true);
    expect(match.body.pagination.total_items).toBe(match.body.data.length);
  });

  it('404 INVALID_ENDPOINT_ID for a device that is not the tenant’s; a cursor belongs to its filters', async () => {
    const res = await analyst.get(`/telemetry?${range()}&device_id=dev_nothere123`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('INVALID_ENDPOINT_ID');
    expect(res.body.error.details[0].field).toBe('device_id');

    const first = await analyst.get(`/telemetry?${range()}&limit=5`);
    const other = await analyst.get(
      `/telemetry?${range()}&limit=5&sort=time&cursor=${first.body.pagination.next_cursor}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].field).toBe('cursor');
  });
});
