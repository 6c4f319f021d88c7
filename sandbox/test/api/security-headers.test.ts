import { request } from 'node:http';
import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
});
afterAll(() => sandbox.close());

/** A raw request, so headers larger than fetch would send still go out. */
function rawGet(path: string, headers: Record<string, string>) {
  const url = new URL(sandbox.url);
  return new Promise<{ status: number; body: string; contentType: string | undefined }>(
    (resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path, method: 'GET', headers, agent: false },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body,
              contentType: res.headers['content-type'],
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('headers on every answer', () => {
  it('sends Cache-Control: no-store and nosniff, on successes, errors and secrets', async () => {
    const created = await admin.post('/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['case.created'],
    });
    const answers = [
      created,
      await admin.get('/cases?limit=1'),
      await admin.get('/cases/not-an-id'),
      await admin.get('/nope'),
    ];
    expect(created.body.secret).toMatch(/^whsec_/);
    for (const res of answers) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('431: headers too large', () => {
  it('answers a header over 16 KB with 431 in the error envelope', async () => {
    const res = await rawGet('/v1/cases', { 'x-padding': 'a'.repeat(17 * 1024) });
    expect(res.status).toBe(431);
    expect(res.contentType).toMatch(/application\/json/);
    const body = JSON.parse(res.body);
    expect(body.error.code).toBe('REQUEST_HEADERS_TOO_LARGE');
    expect(body.request_id).toMatch(/^req_/);
  });

  it('answers a URL over 16 KB with 431 in the error envelope', async () => {
    const res = await rawGet(`/v1/cases?tag=${'a'.repeat(17 * 1024)}`, {});
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).error.code).toBe('REQUEST_HEADERS_TOO_LARGE');
  });
});
