import type { RunningSandbox } from '../../src';
import { startTestSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/**
 * A long page is sent as several chunks (sandbox/src/http/handler.ts): the answer must still be
 * one JSON document with an exact Content-Length, never chunked transfer encoding, and hold the
 * same objects as fetching each one by id.
 */
describe('a page larger than one chunk', () => {
  it('is one JSON document with its exact Content-Length', async () => {
    const response = await fetch(`${sandbox.url}/observations?limit=1000`, {
      headers: { authorization: `Bearer ${sandbox.tokens.admin}` },
    });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const page = JSON.parse(bytes.toString('utf8')) as {
      data: { id: string }[];
      pagination: { total_items: number };
    };
    expect(page.data.length).toBe(Math.min(1000, page.pagination.total_items));
    for (const index of [0, Math.floor(page.data.length / 2), page.data.length - 1]) {
      const item = page.data[index]!;
      const one = await fetch(`${sandbox.url}/observations/${item.id}`, {
        headers: { authorization: `Bearer ${sandbox.tokens.admin}` },
      });
      expect(await one.json()).toEqual(item);
    }
  });
});
