import type { RunningSandbox } from '../../src';
import { startTestSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let origin: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  origin = new URL(sandbox.url).origin;
});
afterAll(() => sandbox.close());

describe('docs', () => {
  it('serves the OpenAPI 3.1 document with this sandbox as the first server', async () => {
    const res = await fetch(`${sandbox.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: object;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]?.url).toBe(sandbox.url);
    expect(Object.keys(doc.paths)).toContain('/cases/{case_id}/actions');
  });

  it('serves an interactive docs page that loads nothing from the internet', async () => {
    const res = await fetch(`${origin}/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      const asset = await fetch(`${origin}${source}`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const init = await (await fetch(`${origin}/docs/init.js`)).text();
    expect(init).toContain('/v1/openapi.json');
    expect((await fetch(`${origin}/docs/../package.json`)).status).toBe(404);
  });
});
