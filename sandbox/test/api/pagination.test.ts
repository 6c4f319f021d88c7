import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
});
afterAll(() => sandbox.close());

/** An observation the admin (who has observations:write) can write. */
function newObservation(at: string, n: number) {
  return {
    observed_at: at,
    source: 'endpoint',
    severity: 'low',
    title: `Inserted while paging #${n}`,
    ocsf: {
      class_uid: 1007,
      category_uid: 1,
      activity_id: 1,
      type_uid: 100701,
      time: Date.parse(at),
      severity_id: 2,
      metadata: { version: '1.3.0', product: { name: 'Test', vendor_name: 'Test' } },
    },
  };
}

describe('cursor pagination', () => {
  it('returns every item exactly once while new items are inserted between pages', async () => {
    const first = await admin.get('/observations?limit=1000');
    const before = new Set<string>(first.body.data.map((o: { id: string }) => o.id));
    expect(before.size).toBe(first.body.pagination.total_items);

    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    const times = first.body.data.map((o: { observed_at: string }) => o.observed_at);
    do {
      const res: {
        status: number;
        body: { data: { id: string }[]; pagination: { next_cursor: string | null } };
      } = await admin.get(`/observations?limit=37${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((o) => o.id));
      cursor = res.body.pagination.next_cursor;
      // New observations land everywhere in the order: newest, oldest, and mid-list.
      const at = [
        new Date().toISOString(),
        times[times.length - 1],
        times[inserted % times.length],
      ];
      const created = await admin.post('/observations', {
        observations: at.map((t, i) => newObservation(t, inserted * 3 + i)),
      });
      expect(created.status).toBe(201);
      inserted++;
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length); // none twice
    for (const id of before) expect(seen).toContain(id); // none skipped
  });

  it('answers total_items and respects limit; rejects limits out of 1–1000', async () => {
    const res = await admin.get('/cases?limit=2');
    expect(res.body.data).toHaveLength(2);
    expect(res.body.pagination.total_items).toBeGreaterThan(2);
    expect(typeof res.body.pagination.next_cursor).toBe('string');
    for (const limit of ['0', '1001', 'ten']) {
      const bad = await admin.get(`/cases?limit=${limit}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].field).toBe('limit');
    }
  });

  it('pages cases by updated_at and refuses a cursor from another query', async () => {
    const page1 = await admin.get('/cases?limit=3&sort=updated_at');
    const page2 = await admin.get(
      `/cases?limit=3&sort=updated_at&cursor=${page1.body.pagination.next_cursor}`,
    );
    expect(page2.status).toBe(200);
    const times = [...page1.body.data, ...page2.body.data].map((c: { updated_at: string }) =>
      Date.parse(c.updated_at),
    );
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const mixed = await admin.get(
      `/cases?limit=3&sort=-created_at&cursor=${page1.body.pagination.next_cursor}`,
    );
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.details[0].field).toBe('cursor');
    const garbage = await admin.get('/cases?cursor=not*a*cursor');
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.details[0].field).toBe('cursor');
  });

  it('the body form POST /cases pages like GET /cases', async () => {
    const get = await admin.get('/cases?limit=4&severity=critical&severity=high');
    const post = await admin.post('/cases', { limit: 4, severity: ['critical', 'high'] });
    expect(post.status).toBe(200);
    expect(post.body.data.map((c: { id: string }) => c.id)).toEqual(
      get.body.data.map((c: { id: string }) => c.id),
    );
    expect(post.body.pagination.total_items).toBe(get.body.pagination.total_items);
    for (const c of post.body.data) expect(['critical', 'high']).toContain(c.severity);
  });
});
