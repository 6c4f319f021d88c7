import { PagePromise, SenseOnClient, type Case } from '../src';
import { FakeApi } from './helpers/fake-api';
import { aCase, page } from './helpers/fixtures';

/** Pages of `size` numbers up to `total`, counting how many pages were requested. */
function numbers(total: number, size: number) {
  const state = { requests: 0, cursors: [] as (string | undefined)[] };
  const list = new PagePromise<number>(async (cursor) => {
    state.requests++;
    state.cursors.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    const data = Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
    const next = start + size < total ? String(start + size) : null;
    return { data, pagination: { next_cursor: next, total_items: total } };
  });
  return { list, state };
}

describe('PagePromise', () => {
  it('awaits to the first page, which knows how to get the next', async () => {
    const { list, state } = numbers(5, 2);
    const first = await list;
    expect(first.data).toEqual([0, 1]);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.nextPage();
    const third = await second.nextPage();
    expect(third.data).toEqual([4]);
    expect(third.hasNextPage()).toBe(false);
    await expect(third.nextPage()).rejects.toThrow(/last page/);
    expect(state.cursors).toEqual([undefined, '2', '4']);
  });

  it('sends nothing until awaited or iterated, and fetches the first page once', async () => {
    const { list, state } = numbers(5, 2);
    expect(state.requests).toBe(0);
    await list;
    await list;
    expect(state.requests).toBe(1);
  });

  it('iterates every item, fetching a page only when the previous one is used up', async () => {
    const { list, state } = numbers(10, 3);
    const seen: number[] = [];
    for await (const n of list) {
      seen.push(n);
      // Never more than one page ahead of the consumer: ceil(items seen / page size).
      expect(state.requests).toBe(Math.ceil(seen.length / 3));
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(state.requests).toBe(4);
  });

  it('stops requesting once collect has its limit', async () => {
    const { list, state } = numbers(1000, 10);
    expect(await list.collect({ limit: 25 })).toHaveLength(25);
    expect(state.requests).toBe(3);
    const again = numbers(1000, 10);
    expect(await again.list.collect({ limit: 0 })).toEqual([]);
    expect(again.state.requests).toBe(0);
    const all = numbers(7, 3);
    expect(await all.list.collect()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    await expect(all.list.collect({ limit: -1 })).rejects.toThrow(RangeError);
  });

  it('stops early when the loop breaks', async () => {
    const { list, state } = numbers(100, 10);
    for await (const n of list) if (n === 12) break;
    expect(state.requests).toBe(2);
  });
});

describe('pagination on the wire', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await new FakeApi().start();
  });
  afterEach(() => api.stop());

  it('follows next_cursor in the query for GET /cases and in the body for POST /cases', async () => {
    const cases = (n: number) => aCase({ id: `case_${n}` });
    api.reply(
      { status: 200, body: page([cases(1), cases(2)], 'cur_2', 3) },
      { status: 200, body: page([cases(3)], null, 3) },
      { status: 200, body: page([cases(1), cases(2)], 'cur_b', 3) },
      { status: 200, body: page([cases(3)], null, 3) },
    );
    const client = new SenseOnClient({
      baseUrl: api.baseUrl,
      token: 'tok_pages',
      rateLimit: false,
    });
    const listed: Case[] = await client.cases.list({ status: ['open'], limit: 2 }).collect();
    expect(listed.map((c) => c.id)).toEqual(['case_1', 'case_2', 'case_3']);
    expect(api.requests[0]?.url).toBe('/v1/cases?status=open&limit=2');
    expect(api.requests[1]?.url).toBe('/v1/cases?status=open&limit=2&cursor=cur_2');
    const searched = await client.cases.search({ min_severity: 'high', limit: 2 }).collect();
    expect(searched).toHaveLength(3);
    expect(api.requests[2]?.method).toBe('POST');
    expect(JSON.parse(api.requests[2]?.body ?? '')).toEqual({ min_severity: 'high', limit: 2 });
    expect(JSON.parse(api.requests[3]?.body ?? '')).toEqual({
      min_severity: 'high',
      limit: 2,
      cursor: 'cur_b',
    });
  });
});
