import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let caseId: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  caseId = (await admin.get('/cases?limit=1')).body.data[0].id;
  // Enough comments (and so trace entries) for a second page of each.
  for (const body of ['First look.', 'Second look.', 'Third look.']) {
    expect((await admin.post(`/cases/${caseId}/comments`, { body })).status).toBe(201);
  }
});
afterAll(() => sandbox.close());

/** The SQL the sandbox prepares while `work` runs, in order (the statements still run). */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(sandbox.services.db, 'prepare');
  try {
    await work();
    return spy.mock.calls.map(([sql]) => sql);
  } finally {
    spy.mockRestore();
  }
}

/** How SQLite plans a statement (the plan does not depend on the values bound). */
function planOf(sql: string): string {
  const placeholders = (sql.match(/\?/g) ?? []).length;
  const rows = sandbox.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...Array<null>(placeholders).fill(null)) as { detail: string }[];
  return rows.map((row) => row.detail).join(' | ');
}

/** A list's second page: the request whose cursor must seek rather than scan. */
async function secondPage(path: string) {
  const join = path.includes('?') ? '&' : '?';
  const first = await admin.get(`${path}${join}limit=2`);
  expect(first.status).toBe(200);
  const cursor = first.body.pagination.next_cursor as string;
  expect(typeof cursor).toBe('string');
  let second: Awaited<ReturnType<Api['get']>> | undefined;
  const sql = await statementsDuring(async () => {
    second = await admin.get(`${path}${join}limit=2&cursor=${cursor}`);
  });
  expect(second?.status).toBe(200);
  return { first, second: second!, sql };
}

const LISTS = [
  '/observations',
  '/observations?source=endpoint',
  '/observations?min_severity=low',
  '/cases',
  '/cases?sort=created_at',
  '/cases?sort=updated_at',
  '/cases?sort=-updated_at',
  '/devices',
  () => `/cases/${caseId}/comments`,
  () => `/cases/${caseId}/trace`,
];

describe('keyset pages', () => {
  it.each(
    LISTS.map((list) => [typeof list === 'string' ? list : list().replace(caseId, '{id}'), list]),
  )(
    '%s: a cursor seeks in an index on (scope, sort key, id) and counts nothing',
    async (_name, list) => {
      const { sql } = await secondPage(typeof list === 'string' ? list : list());
      const pageQueries = sql.filter((s) => /ORDER BY/.test(s) && /LIMIT \?/.test(s));
      expect(pageQueries).toHaveLength(1);
      const plan = planOf(pageQueries[0] as string);
      // A seek on the cursor, not a search on the scope alone followed by a filter.
      expect(plan).toMatch(
        /SEARCH \w+ USING (COVERING )?INDEX \w+ \(.*(\(\w+,\w+\)[<>]\(\?,\?\)|seq>\?)/,
      );
      expect(plan).not.toMatch(/TEMP B-TREE/);
      expect(sql.filter((s) => /COUNT\(\*\)/.test(s))).toEqual([]);
    },
  );

  it('carries the first page total through the walk; a new walk counts again', async () => {
    const first = await admin.get('/observations?limit=50');
    const total = first.body.pagination.total_items as number;
    expect(total).toBeGreaterThan(100);
    const created = await admin.post('/observations', {
      observations: [
        {
          observed_at: new Date().toISOString(),
          source: 'endpoint',
          severity: 'low',
          title: 'Inserted during a walk',
          ocsf: {
            class_uid: 1007,
            category_uid: 1,
            activity_id: 1,
            type_uid: 100701,
            time: Date.now(),
            severity_id: 2,
            metadata: { version: '1.3.0', product: { name: 'Test', vendor_name: 'Test' } },
          },
        },
      ],
    });
    expect(created.status).toBe(201);
    const second = await admin.get(
      `/observations?limit=50&cursor=${first.body.pagination.next_cursor}`,
    );
    expect(second.body.pagination.total_items).toBe(total);
    const again = await admin.get('/observations?limit=50');
    expect(again.body.pagination.total_items).toBe(total + 1);
  });

  it('counts a first page again only after something changed', async () => {
    await admin.get('/cases?limit=5');
    const unchanged = await statementsDuring(() => admin.get('/cases?limit=5'));
    expect(unchanged.filter((s) => /COUNT\(\*\)/.test(s))).toEqual([]);
    const caseId = (await admin.get('/cases?limit=1')).body.data[0].id;
    expect((await admin.post(`/cases/${caseId}/comments`, { body: 'A change.' })).status).toBe(201);
    const changed = await statementsDuring(() => admin.get('/cases?limit=5'));
    expect(changed.filter((s) => /COUNT\(\*\)/.test(s))).toHaveLength(1);
  });

  it('a full walk answers every row once, in (observed_at, id) order, newest first', async () => {
    const expected = (
      sandbox.db
        .prepare(
          `SELECT id FROM observations WHERE tenant_id = (SELECT tenant_id FROM observations WHERE id = ?)
           ORDER BY observed_ms DESC, id DESC`,
        )
        .all((await admin.get('/observations?limit=1')).body.data[0].id) as { id: string }[]
    ).map((row) => row.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: Json } = await admin.get(
        `/observations?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((o: { id: string }) => o.id));
      cursor = res.body.pagination.next_cursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });
});
